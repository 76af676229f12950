/**
 * The runtime identifiers the hashicorp/aws provider 5.100.0 accepts for `aws_lambda_function.runtime`
 * (its validator is the AWS SDK's `Runtime` enum at that version), and the dates AWS deprecates them
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, "Deprecation date").
 */
export const RUNTIMES: readonly string[] = [
  "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
  "java8", "java8.al2", "java11", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
  "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "nodejs4.3-edge", "go1.x",
  "ruby2.5", "ruby2.7", "provided", "provided.al2", "nodejs18.x", "python3.10", "java17", "ruby3.2", "ruby3.3", "ruby3.4",
  "python3.11", "nodejs20.x", "provided.al2023", "python3.12", "java21", "python3.13", "nodejs22.x",
];

/** Deprecation dates (UTC), as AWS's runtime page lists them. */
export const DEPRECATED: Readonly<Record<string, string>> = {
  "nodejs22.x": "2027-04-30", "nodejs20.x": "2026-04-30", "nodejs18.x": "2025-09-01", "nodejs16.x": "2024-06-12",
  "nodejs14.x": "2023-12-04", "nodejs12.x": "2023-03-31", "nodejs10.x": "2021-07-30", "nodejs8.10": "2020-03-06",
  "nodejs6.10": "2019-08-12", "nodejs4.3": "2020-03-05", "nodejs4.3-edge": "2020-03-05", nodejs: "2016-10-31",
  "python3.13": "2029-06-30", "python3.12": "2028-10-31", "python3.11": "2026-06-30", "python3.10": "2026-06-30",
  "python3.9": "2025-12-15", "python3.8": "2024-10-14", "python3.7": "2023-12-04", "python3.6": "2022-07-18", "python2.7": "2021-07-15",
  java21: "2029-06-30", java17: "2026-06-30", java11: "2026-06-30", "java8.al2": "2026-06-30", java8: "2024-01-08",
  dotnet8: "2026-11-10", dotnet6: "2024-11-12", "dotnetcore3.1": "2023-04-03", "dotnetcore2.1": "2022-01-05",
  "dotnetcore2.0": "2019-05-30", "dotnetcore1.0": "2019-07-27",
  "ruby3.4": "2028-03-31", "ruby3.3": "2027-03-31", "ruby3.2": "2026-03-31", "ruby2.7": "2023-11-27", "ruby2.5": "2021-07-30",
  "provided.al2023": "2029-06-30", "provided.al2": "2026-06-30", provided: "2024-01-08", "go1.x": "2024-01-08",
};

/** Today, as `YYYY-MM-DD` (UTC); `LDGEN_TODAY` pins it, so that checks are reproducible (the tests pin it). */
export function today(): string {
  const pinned = process.env.LDGEN_TODAY;
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : new Date().toISOString().slice(0, 10);
}
