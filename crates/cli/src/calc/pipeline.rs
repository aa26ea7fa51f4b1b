//! The batch engine's plumbing: read a stream in chunks that end on record boundaries, process
//! the chunks on every core, write the results in input order.
//!
//! One reader (the calling thread) cuts the input into chunks of about [`CHUNK_BYTES`]; `N`
//! workers turn a chunk into its output bytes; one writer thread puts the outputs back in input
//! order. Memory stays bounded whatever the input size: at most [`in_flight_limit`] chunks exist
//! at once (the reader waits for the writer to finish one before cutting another), so a slow
//! chunk cannot make the reorder buffer grow without limit.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel, sync_channel};
use std::sync::{Arc, Mutex};

/// Target size of a chunk. Large enough that per-chunk costs vanish, small enough that two
/// cores get dozens of chunks from a 40 MB file.
pub const CHUNK_BYTES: usize = 1 << 20;

/// A single record larger than this stops the run: it is not a scenario, and holding it would
/// break the bounded-memory promise.
pub const MAX_RECORD_BYTES: usize = 256 << 20;

/// Where a chunk may end: the index just after the last complete record in `buf` (0 when there
/// is none yet).
pub trait Splitter {
    fn boundary(&self, buf: &[u8]) -> usize;
}

/// JSON Lines: a raw newline cannot occur inside a JSON value, so every `\n` ends a record.
pub struct LineSplitter;

impl Splitter for LineSplitter {
    fn boundary(&self, buf: &[u8]) -> usize {
        memchr::memrchr(b'\n', buf).map_or(0, |i| i + 1)
    }
}

/// CSV: a newline ends a record unless it is inside a quoted field. Every chunk starts on a
/// record boundary, so quote parity counted from the chunk's start is exact (`""` toggles twice).
pub struct CsvSplitter;

impl Splitter for CsvSplitter {
    fn boundary(&self, buf: &[u8]) -> usize {
        let mut quoted = false;
        let mut cut = 0;
        for i in memchr::memchr2_iter(b'"', b'\n', buf) {
            if buf.get(i) == Some(&b'"') {
                quoted = !quoted;
            } else if !quoted {
                cut = i + 1;
            }
        }
        cut
    }
}

/// The index just after the first complete CSV record (the header row); 0 when there is none.
pub fn first_csv_boundary(buf: &[u8]) -> usize {
    let mut quoted = false;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        if buf.get(i) == Some(&b'"') {
            quoted = !quoted;
        } else if !quoted {
            return i + 1;
        }
    }
    0
}

/// What a worker reports about one chunk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChunkStats {
    /// Records (scenarios) in the chunk.
    pub records: u64,
    /// Records that produced an error instead of a result.
    pub failed: u64,
    /// Index within the chunk of the first failed record.
    pub first_failed: Option<u64>,
}

/// Totals over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    pub records: u64,
    pub failed: u64,
    /// 1-based number (among records) of the first failure.
    pub first_failed: Option<u64>,
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot read the input: {0}")]
    Read(io::Error),
    #[error("cannot write the output: {0}")]
    Write(io::Error),
    #[error(
        "a single record is larger than {} MiB: the input is not a scenario file",
        MAX_RECORD_BYTES >> 20
    )]
    RecordTooLarge,
}

/// Spare buffers. Output buffers grow to several MiB; reusing them keeps their pages mapped
/// instead of paying `mmap`, page faults and `munmap` for every chunk.
struct Pool {
    spare: Mutex<Vec<Vec<u8>>>,
    max: usize,
}

impl Pool {
    fn new(max: usize) -> Pool {
        Pool {
            spare: Mutex::new(Vec::new()),
            max,
        }
    }

    fn take(&self, capacity: usize) -> Vec<u8> {
        let spare = self.spare.lock().ok().and_then(|mut s| s.pop());
        match spare {
            Some(mut b) => {
                b.clear();
                b
            }
            None => Vec::with_capacity(capacity),
        }
    }

    fn give(&self, buf: Vec<u8>) {
        if let Ok(mut s) = self.spare.lock()
            && s.len() < self.max
        {
            s.push(buf);
        }
    }
}

struct Chunk {
    seq: u64,
    data: Vec<u8>,
}

struct Done {
    seq: u64,
    out: Vec<u8>,
    stats: ChunkStats,
}

/// How many chunks may be alive at once for `workers` workers.
pub fn in_flight_limit(workers: usize) -> usize {
    2 * workers + 2
}

/// Runs the pipeline. `initial` holds bytes already read from `input` (e.g. after a CSV
/// header). `make_worker` builds each worker's state once; the worker appends a chunk's output
/// to the given buffer and reports its stats.
pub fn run<R, W, S, F, P>(
    mut input: R,
    initial: Vec<u8>,
    output: &mut W,
    splitter: &S,
    workers: usize,
    make_worker: F,
) -> Result<RunStats, PipelineError>
where
    R: Read,
    W: Write + Send,
    S: Splitter,
    F: Fn() -> P + Sync,
    P: FnMut(&[u8], &mut Vec<u8>) -> ChunkStats,
{
    let workers = workers.max(1);
    let limit = in_flight_limit(workers);
    let abort = AtomicBool::new(false);
    let (work_tx, work_rx) = sync_channel::<Chunk>(limit);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = channel::<Done>();
    let (freed_tx, freed_rx) = channel::<()>();
    let inputs = Pool::new(limit + 1);
    let outputs = Pool::new(limit + 1);

    std::thread::scope(|scope| {
        for _ in 0..workers {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let make_worker = &make_worker;
            let abort = &abort;
            let (inputs, outputs) = (&inputs, &outputs);
            scope.spawn(move || {
                let mut process = make_worker();
                loop {
                    // The lock is held only while taking a chunk, not while processing it.
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(chunk) = next else { return };
                    if abort.load(Ordering::Relaxed) {
                        return;
                    }
                    let mut out = outputs.take(chunk.data.len() * 2);
                    let stats = process(&chunk.data, &mut out);
                    inputs.give(chunk.data);
                    if done_tx
                        .send(Done {
                            seq: chunk.seq,
                            out,
                            stats,
                        })
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        // Only the workers hold the queue's receiver: if they all stop, the reader's send fails
        // instead of blocking forever.
        drop(work_rx);
        drop(done_tx);

        let abort_ref = &abort;
        let outputs_ref = &outputs;
        let writer =
            scope.spawn(move || write_in_order(done_rx, output, freed_tx, abort_ref, outputs_ref));

        let flow = Flow {
            limit,
            work_tx: &work_tx,
            freed_rx: &freed_rx,
            abort: &abort,
            inputs: &inputs,
        };
        let read_result = read_chunks(&mut input, initial, splitter, &flow);
        if read_result.is_err() {
            abort.store(true, Ordering::Relaxed);
        }
        drop(work_tx);
        let write_result = writer
            .join()
            .unwrap_or_else(|_| Err(PipelineError::Write(io::Error::other("writer panicked"))));
        // A write error is the root cause when both fail (the reader stops because of it).
        let stats = write_result?;
        read_result?;
        Ok(stats)
    })
}

/// The reader's side of the pipeline's flow control.
struct Flow<'a> {
    limit: usize,
    work_tx: &'a std::sync::mpsc::SyncSender<Chunk>,
    freed_rx: &'a Receiver<()>,
    abort: &'a AtomicBool,
    inputs: &'a Pool,
}

fn read_chunks<R: Read, S: Splitter>(
    input: &mut R,
    initial: Vec<u8>,
    splitter: &S,
    flow: &Flow<'_>,
) -> Result<(), PipelineError> {
    let Flow {
        limit,
        work_tx,
        freed_rx,
        abort,
        inputs,
    } = *flow;
    let mut buf = initial;
    let mut seq = 0u64;
    let mut in_flight = 0usize;
    let mut want = CHUNK_BYTES;
    let mut eof = false;
    while !eof || !buf.is_empty() {
        if abort.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Fill up to the target size.
        while !eof && buf.len() < want {
            let start = buf.len();
            buf.resize(want.max(start + 64 * 1024), 0);
            let n = loop {
                match input.read(buf.get_mut(start..).unwrap_or_default()) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        buf.truncate(start);
                        return Err(PipelineError::Read(e));
                    }
                }
            };
            buf.truncate(start + n);
            eof = n == 0;
        }
        let cut = if eof {
            buf.len()
        } else {
            splitter.boundary(&buf)
        };
        if cut == 0 {
            if buf.len() >= MAX_RECORD_BYTES {
                return Err(PipelineError::RecordTooLarge);
            }
            // One record longer than a chunk: read more before cutting.
            want = buf.len().saturating_mul(2);
            continue;
        }
        want = CHUNK_BYTES;
        let rest = buf.get(cut..).map(<[u8]>::to_vec).unwrap_or_default();
        let mut next = inputs.take(CHUNK_BYTES + 64 * 1024);
        next.extend_from_slice(&rest);
        buf.truncate(cut);
        let data = std::mem::replace(&mut buf, next);
        while in_flight >= limit {
            if freed_rx.recv().is_err() {
                // The writer has stopped (write error); it reports why.
                return Ok(());
            }
            in_flight -= 1;
        }
        if work_tx.send(Chunk { seq, data }).is_err() {
            return Ok(());
        }
        in_flight += 1;
        seq += 1;
    }
    Ok(())
}

fn write_in_order<W: Write>(
    done_rx: Receiver<Done>,
    output: &mut W,
    freed_tx: std::sync::mpsc::Sender<()>,
    abort: &AtomicBool,
    outputs: &Pool,
) -> Result<RunStats, PipelineError> {
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut stats = RunStats::default();
    for done in done_rx {
        pending.insert(done.seq, done);
        while let Some(d) = pending.remove(&next) {
            if let Err(e) = output.write_all(&d.out) {
                abort.store(true, Ordering::Relaxed);
                return Err(PipelineError::Write(e));
            }
            if stats.first_failed.is_none()
                && let Some(i) = d.stats.first_failed
            {
                stats.first_failed = Some(stats.records + i + 1);
            }
            stats.records += d.stats.records;
            stats.failed += d.stats.failed;
            next += 1;
            outputs.give(d.out);
            // The reader may be waiting for room; it may also have finished.
            let _ = freed_tx.send(());
        }
    }
    output.flush().map_err(|e| {
        abort.store(true, Ordering::Relaxed);
        PipelineError::Write(e)
    })?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper_lines(input: &[u8], workers: usize) -> (Vec<u8>, RunStats) {
        let mut out = Vec::new();
        let stats = run(input, Vec::new(), &mut out, &LineSplitter, workers, || {
            |chunk: &[u8], out: &mut Vec<u8>| {
                let mut stats = ChunkStats::default();
                for (i, line) in chunk.split(|b| *b == b'\n').enumerate() {
                    if line.is_empty() && i + 1 == chunk.split(|b| *b == b'\n').count() {
                        continue;
                    }
                    if line.starts_with(b"x") {
                        stats.failed += 1;
                        stats.first_failed.get_or_insert(stats.records);
                    }
                    stats.records += 1;
                    out.extend(line.iter().map(u8::to_ascii_uppercase));
                    out.push(b'\n');
                }
                stats
            }
        })
        .unwrap();
        (out, stats)
    }

    #[test]
    fn keeps_input_order_across_many_chunks() {
        let mut input = Vec::new();
        for i in 0..300_000u32 {
            input.extend_from_slice(format!("line {i}\n").as_bytes());
        }
        input.extend_from_slice(b"x marks a failure\nlast line without newline");
        for workers in [1, 2, 4] {
            let (out, stats) = upper_lines(&input, workers);
            assert_eq!(
                out,
                input
                    .to_ascii_uppercase()
                    .into_iter()
                    .chain(*b"\n")
                    .collect::<Vec<_>>()
            );
            assert_eq!(stats.records, 300_002);
            assert_eq!(stats.failed, 1);
            assert_eq!(stats.first_failed, Some(300_001));
        }
    }

    #[test]
    fn handles_a_record_longer_than_a_chunk() {
        let long = "a".repeat(CHUNK_BYTES * 3);
        let input = format!("short\n{long}\nend\n");
        let (out, stats) = upper_lines(input.as_bytes(), 2);
        assert_eq!(stats.records, 3);
        assert_eq!(out, input.to_ascii_uppercase().into_bytes());
    }

    #[test]
    fn csv_boundaries_respect_quotes() {
        assert_eq!(CsvSplitter.boundary(b"a,b\nc,\"d\ne\"\nf"), 12);
        assert_eq!(CsvSplitter.boundary(b"a,\"b\n"), 0);
        assert_eq!(CsvSplitter.boundary(b"a,\"b\"\"\n\"\n"), 9);
        assert_eq!(LineSplitter.boundary(b"{}\n{"), 3);
        assert_eq!(first_csv_boundary(b"\"a\nb\",c\nd\ne\n"), 8);
        assert_eq!(first_csv_boundary(b"a,b"), 0);
    }

    #[test]
    fn reports_write_errors() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let input = "a\n".repeat(2_000_000);
        let err = run(
            input.as_bytes(),
            Vec::new(),
            &mut Broken,
            &LineSplitter,
            2,
            || {
                |c: &[u8], o: &mut Vec<u8>| {
                    o.extend_from_slice(c);
                    ChunkStats::default()
                }
            },
        )
        .unwrap_err();
        assert!(matches!(err, PipelineError::Write(_)));
    }
}
