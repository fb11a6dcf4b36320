"""The service under measurement, for bench/run and bench/soak: build the jar, start it with a
fresh data directory, talk to it over HTTP, read its memory and Prometheus metrics, stop it. Also
the bare ceiling app (bench/ceiling) and the embedded PostgreSQL (bench/pg) bench/run starts beside it.

Python 3 standard library only.
"""
import glob
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PROJECT_DIR = os.path.dirname(BENCH_DIR)
SCIM_JSON = "application/scim+json"
IDLE_SECONDS = 10  # well under Tomcat's keep-alive timeout (20 s)


def log(message):
    print(message, file=sys.stderr, flush=True)


def build_jar():
    log("building the jar (mvn -q -DskipTests package)")
    subprocess.run(["mvn", "-q", "-DskipTests", "package"], cwd=PROJECT_DIR, check=True)


def build_bench_project(name):
    """One of the benchmark's own small Maven projects (bench/ceiling, bench/pg): its executable jar."""
    pom = os.path.join(BENCH_DIR, name, "pom.xml")
    log("building bench/%s (mvn -q package -f bench/%s/pom.xml)" % (name, name))
    subprocess.run(["mvn", "-q", "package", "-f", pom], cwd=PROJECT_DIR, check=True)
    return bench_jar(name)


def bench_jar(name):
    jar = os.path.join(BENCH_DIR, name, "target", "bench-%s.jar" % name)
    if not os.path.exists(jar):
        sys.exit("no %s: run without --no-build" % os.path.relpath(jar, PROJECT_DIR))
    return jar


def find_jar():
    jars = [j for j in glob.glob(os.path.join(PROJECT_DIR, "target", "reftab-scim-*.jar")) if not j.endswith(".original")]
    if not jars:
        sys.exit("no jar under target/: run without --no-build")
    return jars[0]


def class_data_archive(jar):
    """Spring Boot's recipe for class data sharing: the jar extracted, and an archive of the classes
    a start-up loads, written when a training run exits. The training run starts in full (Camel's
    routes, the Kafka clients and the web server load their classes after the application context
    is refreshed, where Spring's exit on refresh would stop it) and is stopped once it answers.
    Returns the jar to run and the JVM option that maps the archive."""
    target = os.path.join(PROJECT_DIR, "target", "bench", "cds")
    shutil.rmtree(target, ignore_errors=True)
    log("writing the class data archive (extract, then a training start-up)")
    subprocess.run(["java", "-Djarmode=tools", "-jar", jar, "extract", "--destination", target],
                   check=True, capture_output=True)
    extracted = os.path.join(target, os.path.basename(jar))
    archive = os.path.join(target, "application.jsa")
    training = Service(java_opts="-XX:ArchiveClassesAtExit=" + archive, jar=extracted)
    training.log_name = "cds-training"
    failure = None
    try:
        try:
            training.start()
        except RuntimeError as e:
            failure = str(e)
        finally:
            # The JVM writes the archive as it exits on SIGTERM (143); killed, it may leave half of one.
            code = training.stop(keep_data=True)
        if failure is None and code not in (0, 143):
            failure = "the training start-up did not exit cleanly (code %s)" % code
        if failure is None and not os.path.exists(archive):
            failure = "the training start-up wrote no class data archive"
        if failure is not None:
            training.tail_log()
            training.save_log(os.path.join(PROJECT_DIR, "target", "bench"))
    finally:
        if training.data_dir:
            shutil.rmtree(training.data_dir, ignore_errors=True)
    if failure is not None:
        sys.exit(failure)
    return extracted, ["-XX:SharedArchiveFile=" + archive]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Http:
    """One keep-alive connection; answers (status, headers, parsed JSON or text)."""

    def __init__(self, base_url, token=None, timeout=60):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.token = token
        self.timeout = timeout
        self.connection = None
        self.last_used = 0.0

    def request(self, method, path, body=None, content_type=SCIM_JSON, accept="application/scim+json, application/json"):
        headers = {"Accept": accept}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = content_type
        if self.connection is not None and time.monotonic() - self.last_used > IDLE_SECONDS:
            # The server may have closed it meanwhile; a write must not be sent twice to find out.
            self.close()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
        self.last_used = time.monotonic()
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return response.status, response.headers, parsed

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def quote(value):
    return urllib.parse.quote(value, safe="")


class Metrics:
    """A Prometheus text scrape as {(name, frozenset(labels)): value}."""

    def __init__(self, text):
        self.samples = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            head, _, value = line.rpartition(" ")
            name, _, rest = head.partition("{")
            labels = {}
            for pair in rest.rstrip("}").split(","):
                if "=" in pair:
                    key, _, label_value = pair.partition("=")
                    labels[key] = label_value.strip('"')
            try:
                self.samples[(name, frozenset(labels.items()))] = float(value)
            except ValueError:
                pass

    def value(self, name, **labels):
        wanted = set(labels.items())
        for (sample, sample_labels), value in self.samples.items():
            if sample == name and wanted <= sample_labels:
                return value
        return None

    def histogram(self, name):
        """({upper bound: cumulative count}, count, sum) of a histogram without other labels."""
        buckets = {}
        for (sample, labels), value in self.samples.items():
            if sample == name + "_bucket":
                le = dict(labels).get("le")
                buckets[float("inf") if le == "+Inf" else float(le)] = value
        return buckets, self.value(name + "_count") or 0.0, self.value(name + "_sum") or 0.0


def histogram_delta(before, after):
    """What a histogram recorded between two scrapes."""
    buckets_before, count_before, sum_before = before
    buckets_after, count_after, sum_after = after
    buckets = {le: count - buckets_before.get(le, 0.0) for le, count in buckets_after.items()}
    return buckets, count_after - count_before, sum_after - sum_before


def histogram_quantile(buckets, count, q):
    """Quantile from cumulative buckets, interpolated within the bucket (as Prometheus does)."""
    if count <= 0:
        return None
    rank = q * count
    lower_bound, lower_count = 0.0, 0.0
    for le in sorted(buckets):
        cumulative = buckets[le]
        if cumulative >= rank:
            if le == float("inf"):
                return lower_bound
            if cumulative == lower_count:
                return le
            return lower_bound + (le - lower_bound) * (rank - lower_count) / (cumulative - lower_count)
        lower_bound, lower_count = le, cumulative
    return lower_bound


class Service:
    """The packaged service started with a fresh data directory, or one already running (url given).

    Also starts the bare ceiling app: another jar, ready when ready_path answers 200, run from its
    own directory (from the clone's, Spring Boot would read the service's config/application.yml).
    An extra_env value of None removes that variable from the inherited environment."""

    def __init__(self, java_opts="", extra_args=(), extra_env=None, url=None, pid=None, jar=None,
                 ready_path="/scim/v2/ServiceProviderConfig", cwd=PROJECT_DIR):
        self.java_opts = java_opts.split()
        self.jar = jar
        self.extra_args = list(extra_args)
        self.extra_env = dict(extra_env or {})
        self.ready_path = ready_path
        self.cwd = cwd
        self.process = None
        self.data_dir = None
        self.pid = pid
        self.url = url
        self.scim_token = os.environ.get("REFTAB_SCIM_TOKEN") or "bench-scim-" + secrets.token_urlsafe(24)
        self.admin_token = os.environ.get("REFTAB_ADMIN_TOKEN") or "bench-admin-" + secrets.token_urlsafe(24)
        self.operator_token = os.environ.get("REFTAB_OPERATOR_TOKEN") or "bench-operator-" + secrets.token_urlsafe(24)
        self.startup_seconds = None
        self._metrics_http = None
        self.log_name = "service"

    @property
    def started_here(self):
        return self.process is not None

    def start(self, timeout=180):
        jar = self.jar or find_jar()
        self.data_dir = tempfile.mkdtemp(prefix="reftab-bench-")
        port = free_port()
        env = dict(os.environ)
        env.update({
            "REFTAB_DATA_DIR": self.data_dir,
            "SERVER_PORT": str(port),
            "REFTAB_SCIM_TOKEN": self.scim_token,
            "REFTAB_ADMIN_TOKEN": self.admin_token,
            "REFTAB_OPERATOR_TOKEN": self.operator_token,
        })
        if env.get("KAFKA_BROKERS") and not os.environ.get("REFTAB_EVENTS_TOPIC"):
            # An external cluster may hold earlier runs' events: this run reads only its own.
            run = secrets.token_hex(4)
            env["REFTAB_EVENTS_TOPIC"] = "reftab.bench." + run
            env.setdefault("REFTAB_PROJECTION_GROUP_ID", "reftab-bench-projection-" + run)
            env.setdefault("REFTAB_ROLE_MAPPING_GROUP_ID", "reftab-bench-role-mapping-" + run)
        for key, value in self.extra_env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        self.url = "http://127.0.0.1:%d" % port
        self.log_path = os.path.join(self.data_dir, "service.log")
        log("starting %s on %s (data %s)" % (os.path.basename(jar), self.url, self.data_dir))
        with open(self.log_path, "wb") as service_log:
            started = time.monotonic()
            self.process = subprocess.Popen(["java", *self.java_opts, "-jar", jar, *self.extra_args],
                                            cwd=self.cwd, env=env, stdout=service_log, stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        probe = Http(self.url, self.scim_token, timeout=5)
        while True:
            if self.process.poll() is not None:
                self.tail_log()
                raise RuntimeError("the service exited during start-up (code %s)" % self.process.returncode)
            try:
                status, _, _ = probe.request("GET", self.ready_path)
                if status == 200:
                    self.startup_seconds = time.monotonic() - started
                    break
            except OSError:
                probe.close()
            if time.monotonic() - started > timeout:
                raise RuntimeError("the service did not answer 200 within %d s" % timeout)
            time.sleep(0.05)
        probe.close()
        log("ready after %.1f s" % self.startup_seconds)

    def tail_log(self, lines=40):
        if self.data_dir and os.path.exists(self.log_path):
            with open(self.log_path, errors="replace") as f:
                log("".join(f.readlines()[-lines:]))

    def save_log(self, directory):
        """Keeps the service's log of a failed run, which would go with the data directory."""
        if self.data_dir and os.path.exists(self.log_path):
            os.makedirs(directory, exist_ok=True)
            kept = os.path.join(directory, "%s-%s.log" % (self.log_name, time.strftime("%Y%m%d-%H%M%S")))
            shutil.copyfile(self.log_path, kept)
            log("log kept in " + kept)

    def stop(self, keep_data=False):
        """Stops it gracefully (SIGTERM, then a kill after 40 s); returns its exit code, if it ran here."""
        code = None
        if self.process is not None:
            try:
                if self.process.poll() is None:
                    self.process.send_signal(signal.SIGTERM)
                    self.process.wait(timeout=40)
            except (subprocess.TimeoutExpired, KeyboardInterrupt):
                pass
            finally:
                # Not stopped gracefully in time, or a second Ctrl-C: never leave it running.
                if self.process.poll() is None:
                    self.process.kill()
                    self.process.wait()
            code = self.process.returncode
        self.process = None
        if self.data_dir and not keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        return code

    def scim(self, token=None):
        return Http(self.url, token or self.scim_token)

    def rss_mb(self):
        return self._status_kb("VmRSS")

    def peak_rss_mb(self):
        return self._status_kb("VmHWM")

    def _status_kb(self, field):
        if not self.pid:
            return None
        try:
            with open("/proc/%d/status" % self.pid) as status:
                for line in status:
                    if line.startswith(field + ":"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            return None
        return None

    def metrics(self):
        if self._metrics_http is None:
            self._metrics_http = Http(self.url, timeout=30)
        status, _, text = self._metrics_http.request("GET", "/actuator/prometheus", accept="text/plain")
        if status != 200:
            raise RuntimeError("/actuator/prometheus answered %d" % status)
        return Metrics(text)

    def wait_until_drained(self, timeout=600):
        """Until the outbox is empty and both user-store routes have applied every event; seconds taken."""
        started = time.monotonic()
        while True:
            metrics = self.metrics()
            backlog = metrics.value("reftab_outbox_backlog")
            lags = [v for (name, _), v in metrics.samples.items() if name == "reftab_consumer_lag"]
            if backlog == 0 and lags and all(lag == 0 for lag in lags):
                return time.monotonic() - started
            if time.monotonic() - started > timeout:
                raise RuntimeError("events still pending after %d s (backlog %s, consumer lag %s)"
                                   % (timeout, backlog, lags))
            time.sleep(0.25)


class EmbeddedPostgres:
    """The tests' embedded PostgreSQL 17 (bench/pg), on a fresh data directory, for one run of the
    service: started before it, stopped after it. The launcher prints the JDBC URL and stops the
    server when its standard input closes, so it also stops should this script die."""

    def __init__(self, jar, settings=()):
        self.jar = jar
        self.settings = list(settings)
        self.process = None
        self.work = None
        self.url = None
        self.user = None

    def start(self, timeout=120):
        self.work = tempfile.mkdtemp(prefix="reftab-bench-pg-")
        self.log_path = os.path.join(self.work, "postgres.log")
        port = free_port()
        log("starting the embedded PostgreSQL on port %d (data %s)" % (port, self.work))
        started = time.monotonic()
        with open(self.log_path, "wb") as pg_log:
            # The launcher's heap is not the service's: 256 MB because a machine's first start
            # unpacks PostgreSQL's binaries (xz) in it, which ran out of 64 MB and left them half
            # unpacked for every later start.
            self.process = subprocess.Popen(
                ["java", "-Xmx256m", "-jar", self.jar, str(port), os.path.join(self.work, "data"), *self.settings],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=pg_log, text=True)
        line = []
        reader = threading.Thread(target=lambda: line.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not line or not line[0].startswith("JDBC_URL "):
            self.stop()
            raise RuntimeError("the embedded PostgreSQL did not start within %d s (log kept in %s)"
                               % (timeout, self.log_path))
        _, self.url, self.user = line[0].split()
        log("PostgreSQL ready after %.1f s: %s" % (time.monotonic() - started, self.url))

    def env(self):
        """What the service reads (config/application.yml): the URL, the user, no password."""
        return {"REFTAB_DB_URL": self.url, "REFTAB_DB_USER": self.user, "REFTAB_DB_PASSWORD": ""}

    def execute(self, sql, timeout=900):
        """Runs one SQL statement (one line) on the server through the launcher; raises if it fails."""
        self.process.stdin.write(sql + "\n")
        self.process.stdin.flush()
        answer = []
        reader = threading.Thread(target=lambda: answer.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not answer:
            # The reader would take the next statement's answer: the server goes (SIGTERM, so its
            # shutdown hook stops PostgreSQL too), the run fails.
            self.process.terminate()
            raise RuntimeError("%s: no answer within %d s (log in %s)" % (sql, timeout, self.log_path))
        if answer[0].strip() != "DONE":
            raise RuntimeError("%s: %s" % (sql, answer[0].strip() or "the launcher exited (log in %s)" % self.log_path))

    def stop(self, keep_log=None):
        if self.process is not None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=60)
            except (subprocess.TimeoutExpired, KeyboardInterrupt, BrokenPipeError):
                pass
            finally:
                if self.process.poll() is None:
                    # The launcher's shutdown hook stops the server on SIGTERM too.
                    self.process.terminate()
                    try:
                        self.process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        self.process.kill()
                        self.process.wait()
            self.process = None
        if keep_log and self.work and os.path.exists(self.log_path):
            os.makedirs(keep_log, exist_ok=True)
            kept = os.path.join(keep_log, "postgres-%s.log" % time.strftime("%Y%m%d-%H%M%S"))
            shutil.copyfile(self.log_path, kept)
            log("log kept in " + kept)
        if self.work:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None


class RssSampler:
    """Samples the service's resident memory in the background; peak over the sampling window."""

    def __init__(self, service, interval=0.25):
        self.service = service
        self.interval = interval
        self.peak = None
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            rss = self.service.rss_mb()
            if rss is not None and (self.peak is None or rss > self.peak):
                self.peak = rss
            self._stop.wait(self.interval)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def stop_on_signals():
    """SIGTERM and SIGHUP end the script like Ctrl-C, so its finally blocks stop the service."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(q * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]
