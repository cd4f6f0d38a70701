// Vitest setup for every project: the message catalogues are registered once per test file, as
// buildApp does at start-up, so a unit test of a view or a mail sees the real texts.
import { registerAllMessages } from '../src/messages.ts';

registerAllMessages();
