//! Embeds the migrations of both engines. `sqlx::migrate!` needs sqlx's `macros` feature,
//! which the workspace leaves off (it compiles the drivers twice); this generates the same
//! list — version, description, SQL — for `sqlx::migrate::Migrator::with_migrations`, with the
//! same checksums, and reruns whenever a migration file changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    println!("cargo:rerun-if-changed=migrations");
    for engine in ["sqlite", "postgres"] {
        let dir = Path::new(&manifest).join("migrations").join(engine);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        let mut code = String::from("&[\n");
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 file name");
            let (version, description) = name.split_once('_').unwrap_or_else(|| {
                panic!("migration {name} must be named VERSION_description.sql")
            });
            let version: i64 = version
                .parse()
                .unwrap_or_else(|_| panic!("migration {name}: version must be a number"));
            writeln!(
                code,
                "    ({version}, {:?}, include_str!({:?})),",
                description.replace('_', " "),
                path.display().to_string()
            )
            .expect("write to string");
        }
        code.push(']');
        std::fs::write(
            Path::new(&out).join(format!("migrations_{engine}.rs")),
            code,
        )
        .expect("write generated migrations");
    }
}
