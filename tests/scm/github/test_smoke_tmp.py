from tests.scm.github.conftest import *  # noqa
def test_smoke(fake, tmp_path):
    sink = make_sink(fake)
    ref = sink.open_pull_request(change())
    print(ref)
    print(fake.requests)
    d = clone(fake, tmp_path / "c")
    print(git(d, "log", "--all", "--format=%H %P %an <%ae> %s%n%b"))
    print(fake.pulls(REPO))
