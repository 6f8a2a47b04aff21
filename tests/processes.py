"""Ending a server started by a test."""
import subprocess


def end(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask the process to stop; kill it if it has not within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
