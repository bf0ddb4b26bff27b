"""Helpers for the find-game suite: players who go live near each other, the find RPCs,
and what the database says about sessions and their notifications."""

import sqlite3

from resonance.v1 import accounts_pb2
from resonance.v1 import discovery_pb2 as pb
from nearby_helpers import BERLIN, User, offset
from rpc_helpers import call_error, db_count


class Player(User):
    """A signed-in user with the find-game calls."""

    def start(self, target):
        return self.discovery.StartFind(
            pb.StartFindRequest(target_user_id=target.user_id), timeout=10, metadata=self.metadata
        ).session

    def respond(self, session, accept):
        return self.discovery.RespondToFind(
            pb.RespondToFindRequest(session_id=session.id, accept=accept), timeout=10, metadata=self.metadata
        ).session

    def hint(self, session):
        return self.discovery.GetFindHint(
            pb.GetFindHintRequest(session_id=session.id), timeout=10, metadata=self.metadata
        )

    def complete(self, session):
        return self.discovery.CompleteFind(
            pb.CompleteFindRequest(session_id=session.id), timeout=10, metadata=self.metadata
        ).session

    def cancel(self, session):
        return self.discovery.CancelFind(
            pb.CancelFindRequest(session_id=session.id), timeout=10, metadata=self.metadata
        ).session

    def sessions(self, open_only=False, page_size=0, page_token=""):
        return self.discovery.ListFindSessions(
            pb.ListFindSessionsRequest(open_only=open_only, page_size=page_size, page_token=page_token),
            timeout=10,
            metadata=self.metadata,
        )

    def block(self, other):
        self.accounts.BlockUser(accounts_pb2.BlockUserRequest(user_id=other.user_id), timeout=10, metadata=self.metadata)

    def error(self, method, request):
        """The error of a find RPC (by name) that must fail."""
        return call_error(getattr(self.discovery, method), request, metadata=self.metadata)


def pair(channel, north_m=700, allow_find=True):
    """A live seeker at BERLIN and a live target `north_m` north of them."""
    seeker, target = Player(channel), Player(channel)
    seeker.go_live(BERLIN, allow_find=True)
    target.go_live(offset(BERLIN, north_m, 0), allow_find=allow_find)
    return seeker, target


def active_session(channel, north_m=700):
    """A seeker, a target and their accepted session."""
    seeker, target = pair(channel, north_m)
    session = seeker.start(target)
    target.respond(session, accept=True)
    return seeker, target, session


def stored_status(server, session):
    with sqlite3.connect(server.database) as connection:
        return connection.execute("SELECT status FROM find_sessions WHERE id = ?", (session.id,)).fetchone()[0]


def notifications(server, user, kind, session=None):
    """How many notifications of `kind` `user` has (about `session` when given)."""
    sql = "SELECT count(*) FROM notifications WHERE user_id = ? AND type = ?"
    args = [user.user_id, kind]
    if session is not None:
        sql += " AND json_extract(metadata, '$.find_session_id') = ?"
        args.append(session.id)
    return db_count(server, sql, *args)


def snapshot(server):
    """Every stored find session and notification, to compare before and after a refused call."""
    with sqlite3.connect(server.database) as connection:
        return [
            connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("find_sessions", "notifications")
        ]
