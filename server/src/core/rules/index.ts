// The registry: every rule, sorted by id. test/rules/meta.test.ts checks that each one has a
// docs page and a test table.
import type { RuleModule } from '../rule';
import acceptDefaultTimeout from './accept-default-timeout';
import byReferenceExpression from './by-reference-expression';
import connectTimeoutOnly from './connect-timeout-only';
import errnoAsFailureTest from './errno-as-failure-test';
import feofLoop from './feof-loop';
import impossibleFalseCheck from './impossible-false-check';
import listenBeforeBind from './listen-before-bind';
import listenOnDatagram from './listen-on-datagram';
import partialWrite from './partial-write';
import socketIsResource from './socket-is-resource';
import timedOutIsset from './timed-out-isset';
import udpConnect from './udp-connect';
import uncheckedFalseReturn from './unchecked-false-return';
import unrealisticBacklog from './unrealistic-backlog';
import useAfterClose from './use-after-close';

export const RULES: readonly RuleModule[] = [
  acceptDefaultTimeout,
  byReferenceExpression,
  connectTimeoutOnly,
  errnoAsFailureTest,
  feofLoop,
  impossibleFalseCheck,
  listenBeforeBind,
  listenOnDatagram,
  partialWrite,
  socketIsResource,
  timedOutIsset,
  udpConnect,
  uncheckedFalseReturn,
  unrealisticBacklog,
  useAfterClose,
] as readonly RuleModule<string>[];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export function ruleById(id: string): RuleModule | undefined {
  return RULES.find((rule) => rule.id === id);
}
