//! Code objects as the oracle's `code_objects.py` writes them (JSON, one
//! tree per file), rebuilt as molt's `CodeObject`, and compared with the
//! code objects molt compiles, field by field.

use molt_compile::code::CodeObject;
use molt_compile::constant::Constant;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;

pub type Digest = (u32, usize);

#[derive(Deserialize)]
pub struct Answer {
    pub code: Option<JsonCode>,
    pub dis: Option<Digest>,
    pub error: Option<String>,
}

/// A code object as the driver writes it.
#[derive(Deserialize)]
pub struct JsonCode {
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    stacksize: u32,
    flags: u32,
    code: String,
    consts: Vec<Value>,
    names: Vec<String>,
    localsplusnames: Vec<String>,
    localspluskinds: Vec<u8>,
    filename: String,
    name: String,
    qualname: String,
    firstlineno: i32,
    linetable: String,
    exceptiontable: String,
    positions: Digest,
    lines: Digest,
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn float(v: &Value) -> f64 {
    v.as_str().expect("a float repr").parse().expect("a float")
}

/// The code object, and the oracle's digests of its positions and lines
/// for every code object of the tree, in order.
pub fn code_object(json: JsonCode, digests: &mut Vec<(Digest, Digest)>) -> CodeObject {
    digests.push((json.positions, json.lines));
    CodeObject {
        argcount: json.argcount,
        posonlyargcount: json.posonlyargcount,
        kwonlyargcount: json.kwonlyargcount,
        stacksize: json.stacksize,
        flags: json.flags,
        code: unhex(&json.code),
        consts: json
            .consts
            .into_iter()
            .map(|c| constant(c, digests))
            .collect(),
        names: json.names.into_iter().map(Into::into).collect(),
        localsplusnames: json.localsplusnames.into_iter().map(Into::into).collect(),
        localspluskinds: json.localspluskinds,
        filename: json.filename,
        name: json.name,
        qualname: json.qualname,
        firstlineno: json.firstlineno,
        linetable: unhex(&json.linetable),
        exceptiontable: unhex(&json.exceptiontable),
    }
}

fn constant(v: Value, digests: &mut Vec<(Digest, Digest)>) -> Constant {
    let list = |v: Value, digests: &mut Vec<(Digest, Digest)>| -> Vec<Constant> {
        match v {
            Value::Array(items) => items.into_iter().map(|c| constant(c, digests)).collect(),
            _ => panic!("a list of constants"),
        }
    };
    match v {
        Value::Null => Constant::None,
        Value::Bool(b) => Constant::Bool(b),
        Value::String(s) => Constant::Str(s),
        Value::Object(map) => {
            let (tag, value) = map.into_iter().next().expect("a tagged constant");
            match tag.as_str() {
                "i" => Constant::Int(value.as_str().expect("digits").parse().expect("an int")),
                "f" => Constant::Float(float(&value)),
                "c" => Constant::Complex {
                    real: float(&value[0]),
                    imag: float(&value[1]),
                },
                "s" => Constant::StrWithSurrogates(
                    value
                        .as_array()
                        .expect("code points")
                        .iter()
                        .map(|p| p.as_u64().expect("a code point") as u32)
                        .collect(),
                ),
                "b" => Constant::Bytes(unhex(value.as_str().expect("hex"))),
                "t" => Constant::Tuple(list(value, digests)),
                "fs" => Constant::FrozenSet(list(value, digests)),
                "e" => Constant::Ellipsis,
                "code" => {
                    let json = serde_json::from_value(value).expect("a code object");
                    Constant::Code(Arc::new(code_object(json, digests)))
                }
                _ => panic!("unknown constant tag {tag}"),
            }
        }
        _ => panic!("unexpected constant {v}"),
    }
}

/// The first field in which molt's code object tree differs from the
/// oracle's, if any. Frozensets compare as sets; the hidden bit of inlined
/// comprehension locals, which the oracle cannot see, is left out.
pub fn code_difference(molt: &CodeObject, want: &CodeObject) -> Option<String> {
    let at = |field: &str| Some(format!("{}: {field}", want.qualname));
    let kinds = |k: &[u8]| -> Vec<u8> {
        k.iter()
            .map(|k| k & !molt_compile::opcode::CO_FAST_HIDDEN)
            .collect()
    };
    let scalars = [
        ("co_argcount", molt.argcount, want.argcount),
        (
            "co_posonlyargcount",
            molt.posonlyargcount,
            want.posonlyargcount,
        ),
        (
            "co_kwonlyargcount",
            molt.kwonlyargcount,
            want.kwonlyargcount,
        ),
        ("co_stacksize", molt.stacksize, want.stacksize),
        ("co_flags", molt.flags, want.flags),
    ];
    if let Some((field, got, expected)) = scalars.iter().find(|(_, a, b)| a != b) {
        return Some(format!(
            "{}: {field} is {got}, CPython's {expected}",
            want.qualname
        ));
    }
    if molt.code != want.code {
        return at("co_code");
    }
    if molt.names != want.names {
        return at("co_names");
    }
    if molt.localsplusnames != want.localsplusnames
        || kinds(&molt.localspluskinds) != kinds(&want.localspluskinds)
    {
        return at("co_localsplusnames");
    }
    if (&molt.name, &molt.qualname, molt.firstlineno)
        != (&want.name, &want.qualname, want.firstlineno)
    {
        return at("co_name, co_qualname or co_firstlineno");
    }
    if molt.linetable != want.linetable {
        return at("co_linetable");
    }
    if molt.exceptiontable != want.exceptiontable {
        return at("co_exceptiontable");
    }
    if molt.consts.len() != want.consts.len() {
        return at("co_consts");
    }
    molt.consts
        .iter()
        .zip(&want.consts)
        .find_map(|(a, b)| match (a, b) {
            (Constant::Code(a), Constant::Code(b)) => code_difference(a, b),
            _ => constant_difference(a, b).map(|why| format!("{}: {why}", want.qualname)),
        })
}

fn constant_difference(molt: &Constant, want: &Constant) -> Option<String> {
    match (molt, want) {
        (Constant::FrozenSet(a), Constant::FrozenSet(b)) => {
            let sorted = |items: &[Constant]| {
                let mut v: Vec<String> = items.iter().map(|c| format!("{c:?}")).collect();
                v.sort();
                v
            };
            (sorted(a) != sorted(b)).then(|| format!("co_consts: {molt:?}"))
        }
        // Debug text tells -0.0 from 0.0 and matches NaN with NaN, as
        // CPython's constant keys do.
        _ => (format!("{molt:?}") != format!("{want:?}")).then(|| format!("co_consts: {molt:?}")),
    }
}
