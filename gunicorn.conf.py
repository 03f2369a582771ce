"""Production settings for gunicorn (the README's production command reads this file).

Two workers per 2-core machine, each with two threads so keep-alive connections from
phones do not tie a worker up. The app keeps no state between requests: run as many
instances as you like behind any load balancer.
"""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "2"))
keepalive = 5
timeout = 30
graceful_timeout = 10
# Build the app once, before forking: a bad setting (no SECRET_KEY) stops start-up at once.
preload_app = True
# gunicorn 27 would otherwise share one control socket between every instance on a host.
control_socket_disable = True
# Request lines only (method, path, status, size, time): the check's answers travel in
# POST bodies, which are never logged.
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# Trust X-Forwarded-* only from the proxy in front (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
