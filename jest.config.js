/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  testTimeout: 600000,
  setupFiles: ["<rootDir>/test/support/clock.ts"],
  // Two workers on the 2-core CI machine: a terraform suite waits on the provider and terraform much of its time,
  // and a unit suite runs meanwhile (jest 615 s with one worker, 526 s with two, both green, on an idle machine).
  maxWorkers: 2,
};
