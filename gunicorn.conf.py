"""Production settings for gunicorn (the README's production recipe reads this file).

gunicorn runs behind nginx (`deploy/nginx.conf`), which serves the build from disk and
sends only the dynamic routes here, buffering slow clients so they cannot tie up a worker.
It therefore listens on loopback only: set BIND to change that, never to bypass nginx.
Two workers per 2-core machine, each with two threads. The app keeps no state between
requests: run as many instances as you like behind any load balancer.
"""

import os

from webapp import protocol_errors

# gunicorn's own 400/414/431 pages carry the app's security headers and echo nothing.
protocol_errors.install()

# Tells the app it is serving patients: DEBUG or TESTING then stop start-up (settings.py).
# gunicorn sets it in the environment before it loads the app.
raw_env = ["BSG_SERVER=gunicorn"]

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "2"))
keepalive = 5
timeout = 30
graceful_timeout = 10
# Build the app once, before forking: a bad setting (no SECRET_KEY or PUBLIC_URL) stops
# start-up at once, and the build of every public file is made once and shared.
preload_app = True
# gunicorn 27 would otherwise share one control socket between every instance on a host.
control_socket_disable = True
# Method, path (never the query string) and status only: no size and no time. The check's
# requests (every POST, each answer screen) leave no line at all, and control characters
# are escaped (webapp/access_log.py). See SECURITY.md, "What it logs".
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s'
logger_class = "webapp.access_log.AccessLogger"
errorlog = "-"
# X-Forwarded-Proto/-For are trusted only from these addresses: the nginx in front (list
# several, comma-separated, if a load balancer talks to gunicorn directly).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# ...but no proxy may set SCRIPT_NAME or PATH_INFO: the app lives at the root.
forwarder_headers = ""


def when_ready(server):
    """With BUILD_DIR set, write the build for nginx from this very app (same bytes)."""
    out = os.environ.get("BUILD_DIR")
    if out:
        from webapp.build import write_for_nginx

        write_for_nginx(server.app.wsgi(), out)
    # The build, made before forking, is shared by every worker: keep the collector from
    # walking (and so copying) it in each of them.
    import gc

    gc.freeze()
