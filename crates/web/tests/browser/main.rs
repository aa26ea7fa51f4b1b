//! End-to-end test in headless Chromium: signs in, imports a worker list through the import
//! page, finds an imported worker, opens the explanation of a benefit; also captures a
//! screenshot of each page. Skips (with a message) when Chromium is
//! not installed, unless `JAMSOS_E2E_REQUIRED=1` (CI), where a missing browser fails.
//! `JAMSOS_E2E_SCREENSHOTS=DIR` writes the screenshots there.

mod cdp;

use jamsos_web::accounts::Accounts;
use jamsos_web::{AppState, Settings, demo};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|paths| {
                    std::env::split_paths(&paths)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

struct Browser {
    child: Child,
    ws_url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn launch(path: &PathBuf) -> Browser {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(path)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stderr = child.stderr.take().unwrap();
    let mut ws_url = String::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap_or_default();
        if let Some(rest) = line.strip_prefix("DevTools listening on ") {
            ws_url = rest.trim().to_owned();
            break;
        }
    }
    assert!(
        !ws_url.is_empty(),
        "chromium did not print its DevTools address"
    );
    Browser {
        child,
        ws_url,
        _profile: profile,
    }
}

/// A small valid worker list (NIKs agree with birth date and sex; real West Jakarta villages).
const WORKERS_CSV: &str = "nik,name,birth_date,sex,region_code,programs,start_date,wage,occupation\n\
3173044507950003,Rina Lestari,1995-07-05,P,31.73.04.1002,JKK;JKM;JHT;JP;JKP,2025-01-01,5396761,penjahit\n\
3173051108880002,Agus Salim,1988-08-11,L,31.73.05.1003,JKK;JKM;JHT,2025-01-01,5396761,sopir\n";
const IMPORTED_NIK: &str = "3173044507950003";

fn save(dir: &Option<PathBuf>, name: &str, png: &[u8]) {
    if let Some(d) = dir {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join(format!("{name}.png")), png).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_import_find_a_worker_and_open_a_benefit_explanation() {
    let Some(path) = chromium() else {
        if std::env::var("JAMSOS_E2E_REQUIRED").as_deref() == Ok("1") {
            panic!("JAMSOS_E2E_REQUIRED=1 but no chromium found (install Debian's `chromium`)");
        }
        eprintln!(
            "SKIPPED: chromium not found; install Debian's `chromium` or set CHROMIUM=/path to run the browser test"
        );
        return;
    };
    let shots: Option<PathBuf> = std::env::var_os("JAMSOS_E2E_SCREENSHOTS").map(PathBuf::from);

    // The real server on a free port, over a fresh database with the demo registry and users.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("e2e.db").display());
    let store = jamsos_store::Store::connect(&url).await.unwrap();
    let seeded = demo::seed_registry(&store).await.unwrap().unwrap();
    let npp = seeded.first_npp.clone().unwrap();
    let accounts = Accounts::of_store(&store).unwrap();
    demo::ensure_demo_users(&accounts, &npp, 1_700_000_000)
        .await
        .unwrap();
    let state = AppState::new(
        jamsos_rules::Engine::embedded().unwrap(),
        Some(store.clone()),
        Settings::default(),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(jamsos_web::server::serve(listener, state, async {
        let _ = stopped.await;
    }));

    let browser = launch(&path);
    let mut cdp = cdp::Cdp::connect(&browser.ws_url).await;
    cdp.open_page().await;

    // Public pages.
    cdp.goto(&format!("{base}/")).await;
    assert_eq!(cdp.eval("document.documentElement.lang").await, json!("id"));
    save(&shots, "01-home", &cdp.screenshot().await);
    cdp.goto(&format!("{base}/simulator?event=jkm&segment=PU&date=2026-02-10&months=36&c1_birth=2014-08-17&c1_level=SD&c1_grade=6")).await;
    save(&shots, "02-simulator", &cdp.screenshot().await);
    cdp.goto(&format!("{base}/api")).await;
    save(&shots, "03-api", &cdp.screenshot().await);

    // Sign in as the branch officer.
    cdp.goto(&format!("{base}/login")).await;
    save(&shots, "04-login", &cdp.screenshot().await);
    cdp.eval(&format!(
        "document.getElementById('username').value = 'petugas'; \
         document.getElementById('password').value = {:?}; \
         document.querySelector('form[action=\"/login\"]').submit(); true",
        demo::DEMO_PASSWORD
    ))
    .await;
    cdp.wait_for("location.pathname === '/dashboard' && document.readyState === 'complete'")
        .await;
    assert!(
        cdp.eval("document.body.innerText")
            .await
            .as_str()
            .unwrap()
            .contains("Dasbor")
    );
    save(&shots, "05-dashboard", &cdp.screenshot().await);

    cdp.goto(&format!("{base}/employers")).await;
    save(&shots, "05b-employers", &cdp.screenshot().await);
    cdp.goto(&format!("{base}/employers/{npp}")).await;
    save(&shots, "05c-employer", &cdp.screenshot().await);

    // Import a worker list through the import page (a small valid CSV for the demo employer,
    // per docs/import-templates.md), as a user would: choose the file, submit the form.
    cdp.goto(&format!("{base}/imports")).await;
    assert!(
        cdp.eval("document.body.innerText")
            .await
            .as_str()
            .unwrap()
            .contains("Impor data peserta")
    );
    cdp.eval(&format!(
        "const dt = new DataTransfer(); \
         dt.items.add(new File([{WORKERS_CSV:?}], 'pekerja-{npp}.csv', {{type: 'text/csv'}})); \
         document.getElementById('file').files = dt.files; \
         document.getElementById('npp').value = '{npp}'; \
         document.getElementById('import-form').submit(); true"
    ))
    .await;
    cdp.wait_for("document.readyState === 'complete' && document.querySelector('#import-report')")
        .await;
    let status = cdp
        .eval("document.getElementById('import-status').innerText")
        .await;
    assert!(
        status
            .as_str()
            .unwrap_or_default()
            .contains("Impor tersimpan"),
        "import status: {status}"
    );
    assert_eq!(
        cdp.eval("document.getElementById('import-applied').innerText")
            .await,
        json!("2")
    );
    save(&shots, "06-import-report", &cdp.screenshot().await);

    // Find an imported worker by NIK through the search form.

    cdp.goto(&format!("{base}/persons")).await;
    cdp.eval(&format!(
        "document.getElementById('q').value = '{IMPORTED_NIK}'; document.querySelector('form[action=\"/persons\"]').submit(); true"
    ))
    .await;
    cdp.wait_for("document.readyState === 'complete' && document.querySelector('table a[href^=\"/persons/\"]')").await;
    save(&shots, "08-persons", &cdp.screenshot().await);
    cdp.eval("document.querySelector('table a[href^=\"/persons/\"]').click(); true")
        .await;
    cdp.wait_for(
        "/^\\/persons\\/\\d+$/.test(location.pathname) && document.readyState === 'complete'",
    )
    .await;

    // The explanation of the death benefit (JKM) is there, with its steps.
    cdp.wait_for("document.querySelector('#preview-jkm')").await;
    let steps = cdp
        .eval("document.querySelectorAll('#preview-jkm ol.steps li').length")
        .await;
    let text = cdp
        .eval("document.querySelector('#preview-jkm').innerText")
        .await;
    let text = text.as_str().unwrap_or_default().to_owned();
    assert!(
        steps.as_u64().unwrap_or(0) > 0 || text.contains("Penjelasan perhitungan"),
        "no explanation in the JKM preview: {text}"
    );
    assert!(text.contains("Penjelasan perhitungan"), "{text}");
    cdp.eval("document.querySelector('#preview-jkm details').open = true; true")
        .await;
    save(&shots, "09-person", &cdp.screenshot().await);

    cdp.goto(&format!("{base}/account")).await;
    save(&shots, "10-account", &cdp.screenshot().await);
    cdp.goto(&format!(
        "{base}/simulator?lang=en&event=jkk_death&segment=PU&wage=5396761&date=2026-02-10"
    ))
    .await;
    save(&shots, "11-simulator-en", &cdp.screenshot().await);

    drop(cdp);
    drop(browser);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
