/** The commands of `infusion-planner`, in the order --help lists them. */
import type { Command } from '../command';
import { model } from './model';
import { calc } from './calc';
import { importAsp } from './import-asp';
import { board } from './board';

export const commands: Command[] = [model, calc, importAsp, board];
