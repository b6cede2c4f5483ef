# `make demo` runs the example project with the service and the monitor; `make test` runs every test.
.PHONY: demo test
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
# Benchmarks beside django-carrot 1.5, Celery and raw pika (docs/benchmarks.md). Options go in BENCH_ARGS,
# e.g. `make bench-drain BENCH_ARGS="--n 2000 --repetitions 1"` or `BENCH_ARGS="--db postgres"`.
BENCHMARKS := publish drain scaleout latency scheduler delayed monitor ui tabs charts
.PHONY: bench $(addprefix bench-,$(BENCHMARKS))
BENCH_PYTHON ?= python3
bench:
	$(BENCH_PYTHON) -m bench all $(BENCH_ARGS)
$(addprefix bench-,$(BENCHMARKS)): bench-%:
	$(BENCH_PYTHON) -m bench $* $(BENCH_ARGS)
