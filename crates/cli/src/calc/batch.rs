//! `jamsos calc --batch`: populations of scenarios, JSON Lines or CSV, streamed through
//! [`super::pipeline`] on every core, results in input order.

use super::csv_in::{Header, HeaderError};
use super::csv_out::Layout;
use super::json_out::{WarningCache, write_outcome};
use super::pipeline::{self, ChunkStats, CsvSplitter, LineSplitter, PipelineError, RunStats};
use jamsos_rules::{CalcError, Engine, RawScenario};
use std::io::{self, Read, Write};

/// Why a batch run stopped before the end (row errors do not stop it).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error("CSV header: {0}")]
    Header(#[from] HeaderError),
    #[error("CSV header: {0}")]
    HeaderCsv(String),
}

impl BatchError {
    /// Exit status: an unusable header is invalid input (2); I/O trouble is 1.
    pub fn exit_status(&self) -> u8 {
        match self {
            BatchError::Pipeline(PipelineError::RecordTooLarge)
            | BatchError::Header(_)
            | BatchError::HeaderCsv(_) => 2,
            BatchError::Pipeline(_) => 1,
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads up to `n` bytes (fewer only at the end of the input) and drops a UTF-8 byte order
/// mark, which Excel puts at the start of "CSV UTF-8" files.
fn read_start<R: Read>(input: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    input.by_ref().take(n as u64).read_to_end(&mut buf)?;
    if buf.starts_with(BOM) {
        buf.drain(..BOM.len());
    }
    Ok(buf)
}

/// JSON Lines → JSON Lines. Every input line gets exactly one output line: its result, or its
/// error object (a blank line is an error too, so line N of the output always answers line N
/// of the input). A last line without a newline still counts.
pub fn jsonl<R: Read, W: Write + Send>(
    engine: &Engine,
    mut input: R,
    output: &mut W,
    trace: bool,
    workers: usize,
) -> Result<RunStats, BatchError> {
    let initial = read_start(&mut input, 64 * 1024).map_err(PipelineError::Read)?;
    let stats = pipeline::run(input, initial, output, &LineSplitter, workers, || {
        let mut cache = WarningCache::default();
        move |chunk: &[u8], out: &mut Vec<u8>| {
            let mut stats = ChunkStats::default();
            let body = chunk.strip_suffix(b"\n").unwrap_or(chunk);
            for line in body.split(|b| *b == b'\n') {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                let failed = jsonl_line(engine, line, trace, out, &mut cache);
                if failed {
                    stats.first_failed.get_or_insert(stats.records);
                    stats.failed += 1;
                }
                stats.records += 1;
            }
            stats
        }
    })?;
    Ok(stats)
}

/// Reads one scenario. The fast path is plain `serde_json`; it accepts exactly what
/// [`RawScenario::from_json`] accepts (same type, same end-of-input check), and only a line
/// that fails goes through `from_json` again for its precise, field-naming error.
fn parse(line: &[u8]) -> Result<RawScenario, CalcError> {
    if line.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && let Ok(raw) = serde_json::from_slice::<RawScenario>(line)
    {
        return Ok(raw);
    }
    RawScenario::from_json(line)
}

/// One line's output; true when it failed.
fn jsonl_line<'e>(
    engine: &'e Engine,
    line: &[u8],
    trace: bool,
    out: &mut Vec<u8>,
    cache: &mut WarningCache<'e>,
) -> bool {
    let result = if line.trim_ascii().is_empty() {
        Err(CalcError::invalid(
            "(scenario)",
            "empty line: every line holds one JSON scenario",
        ))
    } else {
        parse(line).and_then(|raw| engine.calculate(&raw, trace))
    };
    let failed = match &result {
        Ok(outcome) => {
            write_outcome(out, outcome, cache);
            false
        }
        Err(e) => {
            // Serializing the error object cannot fail; a failure would leave the line empty.
            let _ = serde_json::to_writer(&mut *out, &e.to_object());
            true
        }
    };
    out.push(b'\n');
    failed
}

/// Picks the CSV delimiter from the header line: `;` (Indonesian Excel), tab or `,`, whichever
/// occurs most outside quotes.
pub fn sniff_delimiter(header_line: &[u8]) -> u8 {
    let mut quoted = false;
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    for b in header_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

/// CSV → CSV. The header decides the input columns and the output layout (see
/// [`super::csv_out`]); the output uses the input's delimiter.
pub fn csv<R: Read, W: Write + Send>(
    engine: &Engine,
    mut input: R,
    output: &mut W,
    workers: usize,
) -> Result<RunStats, BatchError> {
    let mut start = read_start(&mut input, 64 * 1024).map_err(PipelineError::Read)?;
    // The header may be longer than the first read.
    loop {
        if pipeline::first_csv_boundary(&start) > 0 {
            break;
        }
        let before = start.len();
        input
            .by_ref()
            .take(64 * 1024)
            .read_to_end(&mut start)
            .map_err(PipelineError::Read)?;
        if start.len() == before {
            break;
        }
        if start.len() > pipeline::MAX_RECORD_BYTES {
            return Err(PipelineError::RecordTooLarge.into());
        }
    }
    let cut = match pipeline::first_csv_boundary(&start) {
        0 => start.len(),
        n => n,
    };
    let (head, rest) = start.split_at(cut);
    let delimiter = sniff_delimiter(head);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(head);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(HeaderError::Empty.into()),
        Err(e) => return Err(BatchError::HeaderCsv(e.to_string())),
    }
    let header = Header::parse(&record)?;
    let layout = Layout {
        id: header.id_index(),
        benefits: header.has("program"),
        late_fine: header.has("contribution_month"),
        delimiter,
    };
    output
        .write_all(&layout.header())
        .map_err(PipelineError::Write)?;
    let rest = rest.to_vec();
    let header = &header;
    let stats = pipeline::run(input, rest, output, &CsvSplitter, workers, || {
        let mut raw = RawScenario::default();
        let mut record = csv::ByteRecord::new();
        move |chunk: &[u8], out: &mut Vec<u8>| {
            let mut stats = ChunkStats::default();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .delimiter(delimiter)
                .flexible(true)
                .from_reader(chunk);
            loop {
                let failed = match reader.read_byte_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => csv_row(engine, header, &layout, &record, &mut raw, out),
                    Err(e) => {
                        // The csv reader reports only I/O and length errors, neither possible
                        // on an in-memory, flexible reader; kept so no input can stop the run.
                        let e = CalcError::invalid("(row)", e.to_string());
                        layout.write_error(out, None, &e);
                        true
                    }
                };
                if failed {
                    stats.first_failed.get_or_insert(stats.records);
                    stats.failed += 1;
                }
                stats.records += 1;
            }
            stats
        }
    })?;
    Ok(stats)
}

fn csv_row(
    engine: &Engine,
    header: &Header,
    layout: &Layout,
    record: &csv::ByteRecord,
    raw: &mut RawScenario,
    out: &mut Vec<u8>,
) -> bool {
    let id = layout
        .id
        .and_then(|i| record.get(i))
        .map(<[u8]>::trim_ascii);
    if let Err(e) = header.fill(record, raw) {
        layout.write_error(out, id, &e);
        return true;
    }
    match engine.calculate(raw, false) {
        Ok(outcome) => {
            layout.write_row(out, id, Ok(&outcome.result));
            false
        }
        Err(e) => {
            layout.write_error(out, id, &e);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_indonesian_semicolons() {
        assert_eq!(sniff_delimiter(b"type;date;wage\n"), b';');
        assert_eq!(sniff_delimiter(b"type,date,wage\n"), b',');
        assert_eq!(sniff_delimiter(b"type\tdate\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter(b"type\n"), b',');
    }

    fn engine() -> Engine {
        Engine::embedded().unwrap()
    }

    #[test]
    fn jsonl_answers_every_line_in_order() {
        let input = b"\xEF\xBB\xBF{\"type\":\"nope\"}\r\n\n[1]\n{\"wage\":5.5}";
        let mut out = Vec::new();
        let stats = jsonl(&engine(), &input[..], &mut out, false, 2).unwrap();
        assert_eq!(stats.records, 4);
        assert_eq!(stats.failed, 4);
        assert_eq!(stats.first_failed, Some(1));
        let lines: Vec<serde_json::Value> = out
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["error"]["field"], "type");
        assert_eq!(lines[1]["error"]["field"], "(scenario)");
        assert_eq!(lines[2]["error"]["field"], "(scenario)");
        assert_eq!(lines[3]["error"]["field"], "wage");
    }

    #[test]
    fn csv_rows_keep_order_and_report_errors() {
        let mut input = b"\xEF\xBB\xBFid;type;wage;programs\n".to_vec();
        for i in 0..50_000 {
            input.extend_from_slice(format!("P{i};contribution;{i}x;\"JKK;JKM\"\n").as_bytes());
        }
        let mut out = Vec::new();
        let stats = csv(&engine(), &input[..], &mut out, 2).unwrap();
        assert_eq!(stats.records, 50_000);
        assert_eq!(stats.failed, 50_000);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&out[..]);
        assert_eq!(&r.headers().unwrap()[0], "id");
        for (i, row) in r.records().enumerate() {
            let row = row.unwrap();
            assert_eq!(row[0], format!("P{i}"));
            assert!(
                row[row.len() - 1].starts_with("invalid_input: wage:"),
                "{row:?}"
            );
        }
    }

    #[test]
    fn csv_header_errors_stop_the_run() {
        let mut out = Vec::new();
        let e = csv(&engine(), &b"type,wagee\n"[..], &mut out, 1).unwrap_err();
        assert_eq!(e.exit_status(), 2);
        assert!(e.to_string().contains("wagee"), "{e}");
        let e = csv(&engine(), &b""[..], &mut out, 1).unwrap_err();
        assert!(matches!(e, BatchError::Header(HeaderError::Empty)));
    }
}
