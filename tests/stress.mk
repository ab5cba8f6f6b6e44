# tests/stress.mk: the long variants of the reliability tests (make stress).
stress:
	@echo "no stress tests yet"
