//! Whether a window can be opened: the X display named by `DISPLAY` is asked
//! for a connection before the window starts. bevy's window (winit) panics
//! when it cannot reach the display (a stale `DISPLAY` left by a closed SSH
//! session), and this build has X11 only, so `WAYLAND_DISPLAY` alone will
//! not do. Plain std sockets, no X library: a connection that opens is
//! enough to know the server is there.

use std::net::{TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// How long a remote display (`host:n`, SSH forwarding) may take to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Where an X display listens, parsed from a `DISPLAY` value.
#[derive(Debug, PartialEq, Eq)]
pub enum XAddress {
    /// A local socket: `/tmp/.X11-unix/X<n>`, or a path given whole (macOS launchd).
    Unix(String),
    /// `host:n` listens on TCP port 6000 + n.
    Tcp(String, u16),
}

/// Parses `[host]:n[.screen]`, `unix:n` or `/path/to/socket:n`.
pub fn parse_display(value: &str) -> Option<XAddress> {
    let (host, rest) = value.rsplit_once(':')?;
    let number: u16 = rest.split('.').next()?.parse().ok()?;
    Some(if host.starts_with('/') {
        XAddress::Unix(value.to_string())
    } else if host.is_empty() || host == "unix" {
        XAddress::Unix(format!("/tmp/.X11-unix/X{number}"))
    } else {
        XAddress::Tcp(host.to_string(), 6000u16.checked_add(number)?)
    })
}

/// `Ok` if an X display is set and answers; otherwise why a window cannot open.
pub fn check_display() -> Result<(), String> {
    check_display_in(|name| std::env::var(name).ok())
}

/// [`check_display`] with the environment read through `env`.
pub fn check_display_in(env: impl Fn(&str) -> Option<String>) -> Result<(), String> {
    let var = |name| env(name).filter(|v: &String| !v.is_empty());
    let Some(display) = var("DISPLAY") else {
        return Err(match var("WAYLAND_DISPLAY") {
            Some(_) => "only WAYLAND_DISPLAY is set, and this build opens X11 windows only \
                        (run XWayland, which sets DISPLAY)"
                .to_string(),
            None => "no display (DISPLAY is not set)".to_string(),
        });
    };
    let unreachable =
        |why: String| format!("the display DISPLAY={display} cannot be reached ({why})");
    match parse_display(&display) {
        None => Err(format!(
            "DISPLAY={display} is not a display name like `:0` or `host:10.0`"
        )),
        Some(XAddress::Unix(path)) => {
            // A path given whole may carry the `:n` suffix or not (XQuartz's has it).
            let bare = path.rsplit_once(':').map_or(path.as_str(), |(p, _)| p);
            UnixStream::connect(&path)
                .or_else(|e| UnixStream::connect(bare).map_err(|_| e))
                .map(drop)
                .map_err(|e| unreachable(format!("{path}: {e}")))
        }
        Some(XAddress::Tcp(host, port)) => {
            let addrs = (host.as_str(), port)
                .to_socket_addrs()
                .map_err(|e| unreachable(format!("{host}: {e}")))?;
            let mut last = format!("{host} has no address");
            for a in addrs {
                match TcpStream::connect_timeout(&a, CONNECT_TIMEOUT) {
                    Ok(_) => return Ok(()),
                    Err(e) => last = format!("{a}: {e}"),
                }
            }
            Err(unreachable(last))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_of_display() {
        use XAddress::*;
        assert_eq!(parse_display(":0"), Some(Unix("/tmp/.X11-unix/X0".into())));
        assert_eq!(
            parse_display(":99.0"),
            Some(Unix("/tmp/.X11-unix/X99".into()))
        );
        assert_eq!(
            parse_display("unix:1"),
            Some(Unix("/tmp/.X11-unix/X1".into()))
        );
        assert_eq!(
            parse_display("localhost:10.0"),
            Some(Tcp("localhost".into(), 6010))
        );
        assert_eq!(
            parse_display("/private/tmp/com.apple.launchd.x/org.xquartz:0"),
            Some(Unix(
                "/private/tmp/com.apple.launchd.x/org.xquartz:0".into()
            ))
        );
        for bad in ["", "0", ":", ":x", "host:70000", "host:65000"] {
            assert_eq!(parse_display(bad), None, "{bad}");
        }
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_display_that_does_not_answer_is_refused_with_the_reason() {
        let no_x = check_display_in(env(&[])).unwrap_err();
        assert!(no_x.contains("DISPLAY is not set"), "{no_x}");
        let wayland = check_display_in(env(&[("WAYLAND_DISPLAY", "wayland-0")])).unwrap_err();
        assert!(wayland.contains("X11 windows only"), "{wayland}");
        let stale = check_display_in(env(&[("DISPLAY", ":54321")])).unwrap_err();
        assert!(
            stale.contains("DISPLAY=:54321 cannot be reached"),
            "{stale}"
        );
        let garbage = check_display_in(env(&[("DISPLAY", "nonsense")])).unwrap_err();
        assert!(garbage.contains("not a display name"), "{garbage}");
        // A closed TCP port: what a stale `ssh -X` session leaves in DISPLAY.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let display = format!("127.0.0.1:{}", port - 6000);
        let refused = check_display_in(env(&[("DISPLAY", &display)])).unwrap_err();
        assert!(refused.contains("cannot be reached"), "{refused}");
    }

    #[test]
    fn a_display_that_answers_is_accepted() {
        let tcp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let display = format!("127.0.0.1:{}", tcp.local_addr().unwrap().port() - 6000);
        assert_eq!(check_display_in(env(&[("DISPLAY", &display)])), Ok(()));
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("X0");
        let _unix = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        let display = format!("{}:0", sock.display());
        assert_eq!(check_display_in(env(&[("DISPLAY", &display)])), Ok(()));
    }
}
