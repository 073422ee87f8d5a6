// The bare Bolt app the Claim-click goal is read against, run as a process of its own as the desk is (run by
// startBareBolt in ceilings.ts): on Express, as the desk runs Bolt, every action listener only acks. Prints
// its port once listening.
import bolt from '@slack/bolt';
import express from 'express';
import type { AddressInfo } from 'node:net';

const signingSecret = process.env.SLACK_SIGNING_SECRET;
if (!signingSecret) throw new Error('SLACK_SIGNING_SECRET is required');
const app = express();
const receiver = new bolt.ExpressReceiver({ signingSecret, endpoints: '/slack/events', app, processBeforeResponse: false });
const boltApp = new bolt.App({ token: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCHBOT', receiver });
boltApp.action(/.*/, async ({ ack }) => {
  await ack();
});
const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
