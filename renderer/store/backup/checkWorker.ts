/**
 * The backup check in a Worker (check.ts starts it): a large or hostile file is read and refused
 * here, and the window goes on answering keys meanwhile.
 */
import { parseBackup } from '../../../shared/backup';

self.onmessage = (event: MessageEvent<unknown>) => {
  self.postMessage(parseBackup(typeof event.data === 'string' ? event.data : ''));
};
