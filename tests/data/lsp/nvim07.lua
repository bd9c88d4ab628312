-- Neovim 0.7 (Debian's), headless: start `argcheck lsp` with the 0.7 API
-- (vim.lsp.start_client), open a file, wait for its diagnostics and print
-- them to stdout, one per line: LINE:COL MESSAGE. Driven by tests/lsp.rs.
local bin = os.getenv("ARGCHECK_BIN")
local file = os.getenv("ARGCHECK_FILE")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local id = vim.lsp.start_client({
  name = "argcheck",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(15000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format("%d:%d %s\n", d.lnum, d.col, d.message))
end
io.stdout:write(ok and "DONE\n" or "TIMEOUT\n")
vim.lsp.stop_client(id)
vim.cmd("qa!")
