"""The Redis lock store: tickets issued by several servers at the same moment never collide."""
import threading

from rasa_ext.redis_lock_store import AtomicRedisLockStore


def test_tickets_issued_at_the_same_moment_by_several_servers_are_all_different(redis):
    # One store per "server", as each Rasa process has its own connection.
    stores = [AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1, key_prefix="t") for _ in range(8)]
    tickets: list[int] = []
    start = threading.Barrier(len(stores))

    def take(store):
        start.wait()
        for _ in range(25):
            tickets.append(store.issue_ticket("someone"))

    threads = [threading.Thread(target=take, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(tickets) == list(range(200))  # Rasa's own store gave duplicates here


def test_the_lock_goes_when_the_last_ticket_is_returned(redis):
    store = AtomicRedisLockStore(host="127.0.0.1", port=redis.port, db=1, key_prefix="u")
    first, second = store.issue_ticket("person"), store.issue_ticket("person")
    store.cleanup("person", first)
    assert store.get_lock("person") is not None and store.is_someone_waiting("person")
    store.cleanup("person", second)
    assert store.get_lock("person") is None
