# bench/bench.mk: the benchmark (make bench).
bench:
	@echo "no benchmark yet"
