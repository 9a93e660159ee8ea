"""A guard for tests of calls that must never block: they fail instead of hanging the suite."""


def in_time(call, seconds=10.0):
    """call()'s result, failing (not hanging) when it does not return within seconds."""
    import threading

    result = []
    worker = threading.Thread(target=lambda: result.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked"
    return result[0]
