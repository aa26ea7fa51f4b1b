//! `jamsos calc [--explain] [FILE]`: one scenario in, one result (with trace and warnings) out.

use jamsos_rules::explain::{explain, explain_error};
use jamsos_rules::{Engine, Lang};

/// What single mode prints and the exit status it ends with.
pub struct Answer {
    pub text: Vec<u8>,
    pub status: u8,
}

/// Calculates one scenario. The result is pretty-printed JSON (or, with `explain`, text); an
/// invalid scenario gives the contract's error object (or its text) and status 2 or 3.
pub fn answer(engine: &Engine, input: &[u8], explain_lang: Option<Lang>) -> Answer {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    match (engine.calculate_json(input, true), explain_lang) {
        (Ok(outcome), None) => {
            let mut text = serde_json::to_vec_pretty(&outcome).unwrap_or_else(|e| {
                // Not reachable with the engine's types; still never a panic.
                format!("{{\"error\": {{\"code\": \"internal\", \"message\": \"{e}\"}}}}")
                    .into_bytes()
            });
            text.push(b'\n');
            Answer { text, status: 0 }
        }
        (Ok(outcome), Some(lang)) => Answer {
            text: explain(&outcome, lang).into_bytes(),
            status: 0,
        },
        (Err(e), None) => {
            let mut text = serde_json::to_vec_pretty(&e.to_object()).unwrap_or_default();
            text.push(b'\n');
            Answer {
                text,
                status: exit_status(&e),
            }
        }
        (Err(e), Some(lang)) => Answer {
            text: explain_error(&e, lang).into_bytes(),
            status: exit_status(&e),
        },
    }
}

fn exit_status(e: &jamsos_rules::CalcError) -> u8 {
    u8::try_from(e.exit_status()).unwrap_or(2)
}
