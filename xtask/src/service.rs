//! Long-running children (mock bank, `trunk serve`): each in its own process group, stopped with everything it
//! started when dropped, and killed by the kernel if xtask itself dies.

use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdout, Command};
use std::time::{Duration, Instant};

use crate::error::XtaskError;
use crate::interrupt;
use crate::process::display;

/// How long a service gets to stop after Ctrl-C before it is killed.
const GRACE: Duration = Duration::from_secs(5);
/// How often waiting loops look at their children.
const POLL: Duration = Duration::from_millis(100);

/// A running server process.
pub struct Service {
    name: String,
    child: Child,
}

impl Service {
    /// Starts `cmd` as a service named `name`.
    pub fn spawn(name: &str, cmd: &mut Command) -> Result<Service, XtaskError> {
        let command = display(cmd);
        println!("$ {command} &");
        cmd.process_group(0);
        die_with_parent(cmd);
        let child = cmd
            .spawn()
            .map_err(|source| XtaskError::Spawn { command, source })?;
        Ok(Service {
            name: name.to_owned(),
            child,
        })
    }

    /// The child's stdout, if it was piped and not taken yet.
    pub fn take_stdout(&mut self) -> Option<ChildStdout> {
        self.child.stdout.take()
    }

    /// An error if the service has stopped on its own.
    pub fn check_running(&mut self) -> Result<(), XtaskError> {
        match self.child.try_wait() {
            Ok(Some(status)) => Err(XtaskError::ServiceExited {
                name: self.name.clone(),
                status,
            }),
            _ => Ok(()),
        }
    }

    /// Sends Ctrl-C to the service's process group, then kills what is left after the grace period.
    fn stop(&mut self) {
        let group = self.child.id() as libc::pid_t;
        if matches!(self.child.try_wait(), Ok(None)) {
            signal_group(group, libc::SIGINT);
            let deadline = Instant::now() + GRACE;
            while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(POLL);
            }
        }
        signal_group(group, libc::SIGKILL);
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Blocks until Ctrl-C (then `Ok`) or until a service stops on its own (then `Err`); calls `tick` on every poll.
pub fn supervise(services: &mut [&mut Service], mut tick: impl FnMut()) -> Result<(), XtaskError> {
    while !interrupt::requested() {
        for service in services.iter_mut() {
            service.check_running()?;
        }
        tick();
        std::thread::sleep(POLL);
    }
    println!("\nstopping…");
    Ok(())
}

/// Sends `signal` to every process of the group; a group that is already gone is fine.
fn signal_group(group: libc::pid_t, signal: libc::c_int) {
    // SAFETY: kill(2) with a negative pid only sends a signal; it touches no memory of ours.
    unsafe { libc::kill(-group, signal) };
}

/// Asks the kernel to send SIGTERM to the child when xtask dies, so no server outlives a killed run.
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut Command) {
    // SAFETY: the closure runs in the forked child before exec and calls only prctl(2), which is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Without Linux's parent-death signal, only a clean exit of xtask stops its services.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_cmd: &mut Command) {}
