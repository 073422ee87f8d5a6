// Owns the list of the web desk's page groups, mounted in this order. Add a group here to add pages.
import { casePages } from './pages/case-pages.js';
import { emergencyPages } from './pages/emergency-pages.js';
import { exportPages } from './pages/export-pages.js';
import { dashboardPages } from './pages/dashboard-pages.js';
import { liveFeed } from './pages/live-feed.js';
import { queuePages } from './pages/queue-pages.js';
import { searchPages } from './pages/search-pages.js';
import type { WebPages } from './web-shell.js';

export const WEB_PAGES: readonly WebPages[] = [queuePages, casePages, searchPages, emergencyPages, dashboardPages, exportPages, liveFeed];
