//! Per-IP login rate limit: a fixed one-minute window per address, in memory. Per-account
//! lockout (which survives restarts and spans addresses) is in the database; this limiter
//! slows password guessing across accounts from one address. Our own few lines rather than
//! tower_governor: it must also work under in-process tests where there is no peer address,
//! and it limits only the login form, not the whole router.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

#[derive(Debug)]
pub struct LoginLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<Option<IpAddr>, (i64, u32)>>,
}

impl LoginLimiter {
    pub fn new(per_minute: u32) -> LoginLimiter {
        LoginLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt from `ip` at `now` (unix seconds); false when over the limit.
    pub fn check(&self, ip: Option<IpAddr>, now: i64) -> bool {
        let minute = now.div_euclid(60);
        let Ok(mut map) = self.windows.lock() else {
            return false;
        };
        if map.len() > 100_000 {
            map.retain(|_, (m, _)| *m == minute);
        }
        let entry = map.entry(ip).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_address_per_minute() {
        let l = LoginLimiter::new(3);
        let a: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        let b: Option<IpAddr> = Some("10.0.0.2".parse().unwrap());
        assert!(l.check(a, 120) && l.check(a, 121) && l.check(a, 122));
        assert!(!l.check(a, 123), "fourth attempt in the minute");
        assert!(l.check(b, 123), "other addresses are not affected");
        assert!(l.check(a, 180), "a new minute resets");
    }
}
