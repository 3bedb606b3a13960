//! Where compiling spends its time, stage by stage and pass by pass:
//! `molt compile --timings` prints it. Off unless asked for; then each
//! stage and each flow-graph pass of each code unit adds its time to a
//! total shared by all threads (timing adds about 6% to a `molt compile`
//! run over the standard library).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

macro_rules! stages {
    ($( $(#[$doc:meta])* $stage:ident $name:literal; )*) => {
        /// A stage of `molt compile`, or a pass of one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Stage {
            $( $(#[$doc])* $stage, )*
        }

        impl Stage {
            /// Every stage, in the order the report lists them: the
            /// stages, then from `Load` on the passes of the flow graph
            /// and the assembler, then the totals that are not listed.
            pub const ALL: &[Stage] = &[ $( Stage::$stage, )* ];

            /// The name the report gives it.
            pub fn name(self) -> &'static str {
                match self {
                    $( Stage::$stage => $name, )*
                }
            }
        }
    };
}

stages! {
    /// Reading a file and decoding its bytes.
    Read "read and decode";
    /// The lexer and the parser, to the lossless tree.
    Parse "parse";
    /// The tree to the AST.
    Lower "lower";
    /// `from __future__` imports.
    Future "future imports";
    /// Constant folding on the AST.
    Fold "fold";
    Symtable "symbol tables";
    /// Code generation, without the flow graph and assembly it calls for
    /// each unit (the `CodeUnits` total less theirs).
    Codegen "code generation";
    /// The instruction sequence cut into blocks.
    Load "load into blocks";
    HandlerLabels "handler labels";
    InlineSmallBlocks "inline small blocks";
    /// Both of CPython's calls.
    RemoveUnreachable "remove unreachable";
    /// Both of CPython's calls.
    LineNumbers "resolve line numbers";
    Peepholes "peepholes";
    NopsAndPairs "nops and pairs";
    NopsAndJumps "nops and jumps";
    UnusedConsts "unused constants";
    UninitializedChecks "LOAD_FAST_CHECK";
    Superinstructions "superinstructions";
    ColdBlocks "cold blocks";
    StackDepth "stack depth";
    LocalsPlus "cells and free variables";
    PseudoOps "pseudo-instructions";
    NormalizeJumps "normalize jumps";
    /// Layout, offsets, `co_code`, line and exception tables.
    Assemble "assemble";
    /// Code generation with everything it calls (not listed: the others
    /// are parts of it).
    CodeUnits "";
    /// The flow graph and assembly of each unit (not listed: the passes
    /// above are its parts).
    MakeCode "";
}

static ON: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; Stage::ALL.len()] = [const { AtomicU64::new(0) }; Stage::ALL.len()];

/// Start timing, for the rest of the process.
pub fn enable() {
    ON.store(true, Relaxed);
}

/// Run `f` as `stage`: its time is added to the stage's total when timing
/// is on.
#[inline]
pub fn timed<R>(stage: Stage, f: impl FnOnce() -> R) -> R {
    if !ON.load(Relaxed) {
        return f();
    }
    let start = Instant::now();
    let result = f();
    NANOS[stage as usize].fetch_add(start.elapsed().as_nanos() as u64, Relaxed);
    result
}

/// The time of `stage` so far.
fn total(stage: Stage) -> Duration {
    Duration::from_nanos(NANOS[stage as usize].load(Relaxed))
}

/// A line of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub name: &'static str,
    pub time: Duration,
    /// A pass of the flow graph or the assembler (run once per code unit).
    pub pass: bool,
}

/// Each listed stage with its time so far: code generation without the
/// flow graph and assembly it calls, and the flow graph's passes after it.
pub fn report() -> Vec<Timing> {
    listed(&Stage::ALL.iter().map(|&s| total(s)).collect::<Vec<_>>())
}

/// The report for the totals of every stage (indexed by stage).
fn listed(totals: &[Duration]) -> Vec<Timing> {
    let own = |stage: Stage| match stage {
        Stage::Codegen => {
            totals[Stage::CodeUnits as usize].saturating_sub(totals[Stage::MakeCode as usize])
        }
        _ => totals[stage as usize],
    };
    (Stage::ALL.iter())
        .filter(|s| !s.name().is_empty())
        .map(|&s| Timing {
            name: s.name(),
            time: own(s),
            pass: s as usize >= Stage::Load as usize,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Off, nothing is counted; on, a stage's time adds up (other tests
    /// may compile at the same time: only lower bounds hold).
    #[test]
    fn counts_only_when_on() {
        let value = timed(Stage::Read, || {
            std::thread::sleep(Duration::from_millis(2));
            7
        });
        assert_eq!(value, 7);
        assert_eq!(total(Stage::Read), Duration::ZERO);
        enable();
        timed(Stage::Read, || std::thread::sleep(Duration::from_millis(3)));
        assert!(total(Stage::Read) >= Duration::from_millis(3));
    }

    /// Code generation is reported without the units' flow graphs and
    /// assembly, the totals that only serve that subtraction are not
    /// listed, and the passes keep their order.
    #[test]
    fn code_generation_is_its_own_time() {
        let mut totals = vec![Duration::ZERO; Stage::ALL.len()];
        totals[Stage::CodeUnits as usize] = Duration::from_millis(50);
        totals[Stage::MakeCode as usize] = Duration::from_millis(30);
        totals[Stage::StackDepth as usize] = Duration::from_millis(4);
        let report = listed(&totals);
        let get = |name: &str| *report.iter().find(|t| t.name == name).unwrap();
        assert_eq!(get("code generation").time, Duration::from_millis(20));
        assert!(!get("code generation").pass);
        assert_eq!(get("stack depth").time, Duration::from_millis(4));
        assert!(get("stack depth").pass && get("load into blocks").pass);
        assert_eq!(report.len(), Stage::ALL.len() - 2);
        assert_eq!(report[0].name, "read and decode");
    }
}
