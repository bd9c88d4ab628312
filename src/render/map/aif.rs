//! `argcheck graph --format aif`: the Argument Interchange Format as
//! AIFdb and OVA read it (JSON): `nodes` (`nodeID`, `text`, `type`),
//! `edges` (`edgeID`, `fromID`, `toID`, `formEdgeID`), `locutions`,
//! `participants`.
//!
//! Statements are I-nodes. Each reason is an RA-node ("Default Inference")
//! with an edge from each of its statements and one to its conclusion; each
//! attack a CA-node ("Default Conflict") between attacker and target. Who
//! asserts a statement (`by:`) is an L-node (`SPEAKER: text`) anchored to
//! the I-node through a YA-node ("Asserting"), with a locution naming the
//! source as participant. Sources and citations have no AIF counterpart
//! and are left out; the map's JSON format keeps them.

use super::{EdgeKind, Map, NodeKind};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct AifNode {
    #[serde(rename = "nodeID")]
    node_id: String,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct AifEdge {
    #[serde(rename = "edgeID")]
    edge_id: String,
    #[serde(rename = "fromID")]
    from_id: String,
    #[serde(rename = "toID")]
    to_id: String,
    #[serde(rename = "formEdgeID")]
    form_edge_id: Option<String>,
}

#[derive(Serialize)]
struct AifLocution {
    #[serde(rename = "nodeID")]
    node_id: String,
    #[serde(rename = "personID")]
    person_id: String,
}

#[derive(Serialize)]
struct AifParticipant {
    #[serde(rename = "participantID")]
    participant_id: String,
    firstname: String,
    surname: String,
}

#[derive(Serialize)]
struct Aif {
    nodes: Vec<AifNode>,
    edges: Vec<AifEdge>,
    locutions: Vec<AifLocution>,
    participants: Vec<AifParticipant>,
}

struct Builder {
    aif: Aif,
    next: usize,
}

impl Builder {
    fn node(&mut self, text: String, kind: &'static str) -> String {
        self.next += 1;
        let id = self.next.to_string();
        self.aif.nodes.push(AifNode {
            node_id: id.clone(),
            text,
            kind,
        });
        id
    }

    fn edge(&mut self, from: &str, to: &str) {
        let id = (self.aif.edges.len() + 1).to_string();
        self.aif.edges.push(AifEdge {
            edge_id: id,
            from_id: from.to_string(),
            to_id: to.to_string(),
            form_edge_id: None,
        });
    }
}

/// The map in AIF, as one JSON object.
pub fn write(map: &Map, out: &mut dyn Write) -> std::io::Result<()> {
    let mut b = Builder {
        aif: Aif {
            nodes: Vec::new(),
            edges: Vec::new(),
            locutions: Vec::new(),
            participants: Vec::new(),
        },
        next: 0,
    };
    // AIF node id of each map node: I-nodes for statements, RA-nodes for
    // joints (made when their conclusion is reached).
    let mut id: Vec<Option<String>> = vec![None; map.nodes.len()];
    for (i, n) in map.nodes.iter().enumerate() {
        if matches!(n.kind, NodeKind::Statement(_)) {
            id[i] = Some(b.node(n.text.clone(), "I"));
        }
    }
    for (i, n) in map.nodes.iter().enumerate() {
        if n.kind == NodeKind::Joint {
            id[i] = Some(b.node("Default Inference".into(), "RA"));
        }
    }
    for e in &map.edges {
        let (Some(from), Some(to)) = (id[e.from].clone(), id[e.to].clone()) else {
            continue;
        };
        match e.kind {
            EdgeKind::Link => b.edge(&from, &to),
            EdgeKind::Support if map.nodes[e.from].kind == NodeKind::Joint => b.edge(&from, &to),
            EdgeKind::Support => {
                let ra = b.node("Default Inference".into(), "RA");
                b.edge(&from, &ra);
                b.edge(&ra, &to);
            }
            EdgeKind::Attack => {
                let ca = b.node("Default Conflict".into(), "CA");
                b.edge(&from, &ca);
                b.edge(&ca, &to);
            }
            // Sources and questions have no AIF node: their edges are left
            // out (docs/json.md).
            EdgeKind::Cite | EdgeKind::Derives | EdgeKind::Answers => {}
        }
    }
    // Participants in the order they first assert something.
    let mut participant: std::collections::HashMap<String, String> = Default::default();
    for (i, n) in map.nodes.iter().enumerate() {
        let (Some(sf), Some(inode)) = (&n.stmt, id[i].clone()) else {
            continue;
        };
        let Some((_, speaker)) = &sf.by else { continue };
        let next = participant.len() + 1;
        let person = participant
            .entry(speaker.clone())
            .or_insert_with(|| {
                b.aif.participants.push(AifParticipant {
                    participant_id: next.to_string(),
                    firstname: speaker.clone(),
                    surname: String::new(),
                });
                next.to_string()
            })
            .clone();
        let l = b.node(format!("{speaker}: {}", n.text), "L");
        let ya = b.node("Asserting".into(), "YA");
        b.edge(&l, &ya);
        b.edge(&ya, &inode);
        b.aif.locutions.push(AifLocution {
            node_id: l,
            person_id: person,
        });
    }
    serde_json::to_writer_pretty(&mut *out, &b.aif)?;
    out.write_all(b"\n")
}
