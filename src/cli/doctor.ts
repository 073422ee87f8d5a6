// npm run doctor: checks every integration the configuration turns on (Slack, Teams, Facebook and Instagram, X)
// as the desk will use it, without starting it, and prints what to fix. Exit code 1 when something needs fixing.
import { formatFinding } from '../services/doctor-finding.js';
import { needsFixing, runDoctor } from '../app/run-doctor.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { loadPolicy, PolicyError } from '../config/load-policy.js';

try {
  const config = loadConfig();
  const policy = await loadPolicy(config.policyPath);
  const findings = await runDoctor(config, policy);
  for (const f of findings) console.log(formatFinding(f));
  const problems = findings.filter((f) => f.ok === false).length;
  console.log(problems ? `\n${problems} thing(s) to fix (FIX above).` : '\nNothing to fix.');
  if (needsFixing(findings)) process.exitCode = 1;
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof PolicyError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
