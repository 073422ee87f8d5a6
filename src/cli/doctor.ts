// npm run doctor: checks what the desk can do in the platforms it is configured for, without starting it.
// For now Microsoft Teams: whether people who never opened the app can be reached, and Entra groups read.
import { ConfigError, loadConfig } from '../config/load-config.js';
import { loadPolicy, PolicyError } from '../config/load-policy.js';
import { checkTeamsReach } from '../adapters/teams/check-teams-reach.js';

try {
  const config = loadConfig();
  const policy = await loadPolicy(config.policyPath);
  for (const line of await checkTeamsReach(config.teams, policy)) console.log(line);
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof PolicyError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
