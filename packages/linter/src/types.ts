/**
 * Diagnostics, rules and their context. Diagnostics are plain data: no editor types here.
 */
import type { Schema } from '@kalint/grammar';
import type { Cluster, Collision, ServerPeers, VirtualServer, VrrpInstance } from '@kalint/model';
import type { Located, Range } from '@kalint/parser';
import type { Project, ProjectFile } from './project.js';

/** How bad a finding is. */
export type Severity = 'error' | 'warning';

/** A rule's setting in configuration. */
export type RuleSetting = 'off' | 'warn' | 'error';

/** Another place that explains a finding, e.g. the peer's line. */
export interface Related {
  file: string;
  range: Range;
  message: string;
}

/** Replace `range` of `file` with `text`. */
export interface TextEdit {
  file: string;
  range: Range;
  text: string;
}

/** A safe change that resolves a finding. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** One finding. Positions are 0-based; front ends convert. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: Related[];
  fix?: Fix;
  /** `deprecated` lets editors strike the text through. */
  tags?: Array<'deprecated' | 'unnecessary'>;
}

export interface RuleMeta {
  /** The rule id; also the rule's file name and its doc page name. */
  id: string;
  /** One line: what the rule reports. */
  description: string;
  defaultSeverity: RuleSetting;
  /** Whether the rule offers safe fixes. */
  fixable: boolean;
  /** `file` rules look at one config at a time; `project` rules compare HA peers. */
  scope: 'file' | 'project';
  /** `false`: no `kalint-disable` comment silences it (syntax errors; the suppressions' own findings). */
  suppressible?: false;
  /**
   * Set by a rule that leaves a configuration unchecked while one of its includes could not be
   * read (what it looks for may be in that file): what then goes unchecked, in the operator's
   * words. The `syntax` finding of such an include names these.
   */
  needsEveryInclude?: string;
}

/** What a rule hands to `report`. */
export interface Report {
  message: string;
  at: Located;
  related?: Related[];
  fix?: Fix;
  /** Overrides the configured severity for this finding (e.g. an ignored deprecated keyword is an error). */
  severity?: Severity;
  tags?: Diagnostic['tags'];
}

export interface RuleContext {
  schema: Schema;
  project: Project;
  /** The keepalived release the configuration is for (`2.2.7`); the schema's newest by default. */
  targetVersion: string;
  /** The rules this lint runs (not off), in order. */
  enabledRules: readonly RuleMeta[];
  report(report: Report): void;
  /**
   * `report`, keeping the first finding at each place of the run: the copies of a `~SEQ` line stand
   * at one place, and so does a line of an include that several configurations read.
   */
  reportOncePerPlace(report: Report): void;
}

/**
 * A lint rule: one per file under `rules/`, with a doc page in `docs/rules/<id>.md`. A rule
 * subscribes to what it checks; the engine walks the project once and hands each rule the parts
 * it asked for. Everything a rule knows of keepalived's meaning it reads from the model
 * (`@kalint/model`): effective values, names, clusters.
 */
export interface Rule {
  meta: RuleMeta;
  /** Each configuration of the run (a file given, with what it includes). */
  file?(file: ProjectFile, context: RuleContext): void;
  /** Each VRRP instance of each configuration. */
  instance?(instance: VrrpInstance, context: RuleContext): void;
  /** Each virtual server of each configuration. */
  virtualServer?(server: VirtualServer, context: RuleContext): void;
  /** Each VRRP cluster: instances on two or more nodes that are one virtual router. */
  cluster?(cluster: Cluster, context: RuleContext): void;
  /** Each instance that hears the adverts of another cluster on its VRID. */
  collision?(collision: Collision, context: RuleContext): void;
  /** Each virtual server that is the same service as virtual servers on other nodes. */
  service?(peers: ServerPeers, context: RuleContext): void;
  /** Once per run, after the parts above. */
  project?(context: RuleContext): void;
}
