//! The seed's token listing (`tok.type`, its name, `repr` of the string),
//! done with molt's library: `cargo run --example token_types -- "abc  +  xyz"`.

use molt_syntax::python_tokenize::Listing;

fn main() {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "abc  +  xyz".to_string());
    let listing = Listing::from_stdin_text(&text);
    let tokens = match listing.tokens() {
        Ok(tokens) => tokens,
        Err(e) => {
            eprintln!("{} (line {:?})", e.message, e.location);
            std::process::exit(2);
        }
    };
    for token in tokens {
        let number = token
            .kind
            .cpython_number()
            .expect("tokenize shows only CPython's kinds");
        println!(
            "{number:2} {:10} {}",
            token.kind.name(),
            molt_syntax::pyrepr::str_repr(token.text)
        );
    }
}
