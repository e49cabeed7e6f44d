/** Part 4 of the team-at-once interleavings (see interleavings.ts). */
import { describePart } from './interleavings';

describePart(4);
