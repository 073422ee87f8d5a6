// Owns emergency mode on the web (002 §6.2.5): what is in force, and turning it on or off through the same
// service as `/desk emergency` in Slack and Teams, with the same refusal and the same confirmation.
import { setEmergencyMode, type EmergencyRequest } from '../../services/emergency-mode.js';
import { formatLocalTime } from '../../policy/format-local-time.js';
import { webActor, type WebPerson } from '../web-person.js';
import { requireSignIn } from '../web-session.js';
import type { WebPages, WebShell } from '../web-shell.js';
import type { Response } from 'express';

export const emergencyPages: WebPages = (shell) => {
  shell.pages.addNavigation({ href: '/emergency', text: 'Emergency mode' });
  shell.routes.get('/emergency', requireSignIn(), (_req, res) => render(shell, res, {}));
  shell.routes.post('/emergency', requireSignIn(), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (name: string, max: number) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, max) : '');
    const turn = text('turn', 10);
    if (turn !== 'on' && turn !== 'off') return render(shell, res, { error: 'turn: say whether to turn emergency mode on or off.' }, 400);
    const request: EmergencyRequest = turn === 'on' ? { on: true, link: text('link', 2000).trim(), message: text('message', 1000) } : { on: false };
    const outcome = await setEmergencyMode(shell.ctx, webActor(res.locals['person'] as WebPerson), request);
    if (!outcome.ok) return render(shell, res, { error: outcome.message, link: text('link', 2000), message: text('message', 1000) }, 409);
    const done = outcome.mode ? 'Emergency mode is on: every open card shows the banner, replies offer your message and link, and leadership has been told.' : 'Emergency mode is off.';
    render(shell, res, { done });
  });
};

async function render(shell: WebShell, res: Response, o: { error?: string; done?: string; link?: string; message?: string }, status = 200): Promise<void> {
  const mode = await shell.ctx.store.settings.emergencyMode();
  const since = mode ? formatLocalTime(mode.since, shell.ctx.policy.calendar.timeZone, shell.ctx.clock.now()) : null;
  shell.pages.render(res, 'emergency.njk', { title: 'Emergency mode', mode, since, error: o.error ?? null, errorSummary: !!o.error, done: o.done ?? null, link: o.link ?? '', message: o.message ?? '' }, status);
}
