//! A minimal Chrome DevTools Protocol client: one WebSocket to the browser, flat sessions,
//! request/response by id (events are skipped). Enough to navigate, evaluate, and capture.

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub struct Cdp {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next: u64,
    pub session: Option<String>,
}

impl Cdp {
    pub async fn connect(url: &str) -> Cdp {
        let (ws, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("DevTools WebSocket");
        Cdp {
            ws,
            next: 1,
            session: None,
        }
    }

    /// Sends a command (on the attached page when there is one) and waits for its answer.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .await
            .expect("send");
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(30), self.ws.next())
                .await
                .unwrap_or_else(|_| panic!("no answer to {method} within 30 s"))
                .expect("open socket")
                .expect("frame");
            let Message::Text(text) = frame else { continue };
            let v: Value = serde_json::from_str(text.as_str()).expect("JSON frame");
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    panic!("{method} failed: {err}");
                }
                return v["result"].clone();
            }
        }
    }

    /// Opens a page target and attaches to it.
    pub async fn open_page(&mut self) {
        let t = self
            .call("Target.createTarget", json!({"url": "about:blank"}))
            .await;
        let a = self
            .call(
                "Target.attachToTarget",
                json!({"targetId": t["targetId"], "flatten": true}),
            )
            .await;
        self.session = Some(a["sessionId"].as_str().expect("session").to_owned());
        self.call("Page.enable", json!({})).await;
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await;
    }

    /// Evaluates JavaScript in the page and returns its value.
    pub async fn eval(&mut self, js: &str) -> Value {
        let r = self
            .call(
                "Runtime.evaluate",
                json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
            )
            .await;
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("script failed: {ex}\n{js}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until `js` is true (the page loaded, an element appeared…).
    pub async fn wait_for(&mut self, js: &str) {
        for _ in 0..200 {
            if self
                .eval(&format!(
                    "(() => {{ try {{ return !!({js}); }} catch (e) {{ return false; }} }})()"
                ))
                .await
                == json!(true)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let url = self.eval("location.href").await;
        panic!("timed out waiting for {js} on {url}");
    }

    pub async fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url})).await;
        self.wait_for(&format!(
            "location.href.startsWith({:?}) && document.readyState === 'complete'",
            url.split('#').next().unwrap_or(url)
        ))
        .await;
    }

    /// A PNG of the whole page.
    pub async fn screenshot(&mut self) -> Vec<u8> {
        use base64::Engine as _;
        let r = self
            .call(
                "Page.captureScreenshot",
                json!({"format": "png", "captureBeyondViewport": true}),
            )
            .await;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().expect("data"))
            .expect("base64")
    }
}
