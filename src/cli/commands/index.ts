/** The commands of `infusion-planner`, in the order --help lists them. */
import type { Command } from '../command';
import { model } from './model';

export const commands: Command[] = [model];
