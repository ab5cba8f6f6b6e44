# fuzz/fuzz.mk: libFuzzer harnesses (make fuzz).  Filled in by the fuzzing work.
fuzz:
	@echo "no fuzz harnesses yet"
