/** Part 2 of the team-at-once interleavings (see interleavings.ts). */
import { describePart } from './interleavings';

describePart(2);
