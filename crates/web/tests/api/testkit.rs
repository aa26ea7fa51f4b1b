//! The testkit: the real router over an isolated SQLite database in a temporary directory, one
//! account and one API token per role, and helpers that send requests in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use jamsos_web::accounts::{Accounts, NewAccount};
use jamsos_web::auth::password;
use jamsos_web::auth::policy::Role;
use jamsos_web::{AppState, Settings};
use std::collections::HashMap;
use std::sync::LazyLock;
use tower::ServiceExt;

pub const PASSWORD: &str = "kata-sandi-uji-123";

/// Argon2 is slow on purpose; hash the shared test password once per test binary.
static HASH: LazyLock<String> = LazyLock::new(|| password::hash(PASSWORD).unwrap());

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub store: jamsos_store::Store,
    pub tokens: HashMap<Role, String>,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }
}

pub fn username(role: Role) -> String {
    format!("uji_{}", role.code())
}

pub async fn spawn() -> TestApp {
    spawn_with(Settings::default()).await
}

pub async fn spawn_with(settings: Settings) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = jamsos_store::Store::connect(&url).await.unwrap();
    let accounts = Accounts::of_store(&store).unwrap();
    let mut tokens = HashMap::new();
    for role in Role::ALL {
        let a = accounts
            .create(
                NewAccount {
                    username: username(role),
                    display_name: format!("Uji {}", role.code()),
                    role,
                    employer_npp: (role == Role::Employer).then(|| "10000001".to_owned()),
                    region_code: (role == Role::CityAnalyst).then(|| "31.73".to_owned()),
                    password_hash: HASH.clone(),
                },
                1_700_000_000,
            )
            .await
            .unwrap();
        let (_, secret) = accounts
            .create_token(&a.id, "test", 1_700_000_000)
            .await
            .unwrap();
        tokens.insert(role, secret);
    }
    let engine = jamsos_rules::Engine::embedded().unwrap();
    let state = AppState::new(engine, Some(store.clone()), settings);
    TestApp {
        router: jamsos_web::router(state.clone()),
        state,
        store,
        tokens,
        _dir: dir,
    }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A request as `role` (by API token), or anonymous.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        role: Option<Role>,
        json: Option<serde_json::Value>,
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(r) = role {
            b = b.header(header::AUTHORIZATION, format!("Bearer {}", self.tokens[&r]));
        }
        let body = match json {
            Some(j) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_string())
            }
            None => Body::empty(),
        };
        self.send(b.body(body).unwrap()).await
    }

    pub async fn get(&self, path: &str, role: Option<Role>) -> Reply {
        self.call(Method::GET, path, role, None).await
    }

    /// A form post with optional extra headers (cookie, fetch metadata).
    pub async fn form(&self, path: &str, form: &str, headers: &[(&str, &str)]) -> Reply {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        self.send(b.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// Signs in through the login form; returns the `name=value` session cookie.
    pub async fn login(&self, role: Role) -> String {
        let r = self
            .form(
                "/login",
                &format!(
                    "username={}&password={PASSWORD}&next=/account",
                    username(role)
                ),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let cookie = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("jamsos_session="))
            .expect("a session cookie")
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        cookie.split(';').next().unwrap().to_owned()
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Reply {
        self.send(
            Request::builder()
                .uri(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }
}
