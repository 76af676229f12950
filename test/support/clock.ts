// Checks that depend on the date (runtime deprecation, LD111) read LDGEN_TODAY: the suite runs on one fixed day,
// so that no test changes its answer as AWS's deprecation dates pass. Child processes (the CLI tests) inherit it.
process.env.LDGEN_TODAY = "2026-01-01";
