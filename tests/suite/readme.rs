//! README's generated tables are the output of the command written above each
//! one, run now: a change that moves a figure fails here until README is
//! regenerated (`contrib/readme/regenerate.py`).

use crate::common::pact;

const START: &str = "<!-- generated: pact ";
const END: &str = "<!-- end generated -->";

/// Each generated block of `text`: the command's arguments and the text it holds.
fn blocks(text: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(START) {
        let after = &rest[at + START.len()..];
        let close = after
            .find(" -->\n")
            .expect("a generated block's opening ends with -->");
        let args = after[..close]
            .split_whitespace()
            .map(String::from)
            .collect();
        let body = &after[close + " -->\n".len()..];
        let end = body.find(END).expect("every generated block is closed");
        out.push((args, body[..end].to_string()));
        rest = &body[end..];
    }
    out
}

#[test]
fn readme_tables_are_what_their_commands_print() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let blocks = blocks(&readme);
    assert!(
        blocks.len() >= 2,
        "the scripted and the free-play comparison are generated"
    );
    for (args, held) in blocks {
        let out = pact().args(&args).output().expect("pact runs");
        assert!(out.status.success(), "pact {}", args.join(" "));
        let printed = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(
            held,
            printed,
            "README's block for `pact {}` is stale: run contrib/readme/regenerate.py",
            args.join(" ")
        );
    }
}

#[test]
fn a_block_names_its_command_and_holds_its_text() {
    let text = "intro\n<!-- generated: pact compare a.ron --seeds 2 -->\n| x |\n<!-- end generated -->\nmore";
    assert_eq!(
        blocks(text),
        vec![(
            vec![
                "compare".into(),
                "a.ron".into(),
                "--seeds".into(),
                "2".into()
            ],
            "| x |\n".to_string()
        )]
    );
}
