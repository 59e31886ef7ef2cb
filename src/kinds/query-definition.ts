import { str, strings } from '../model/schema.js';
import { declared, logs } from './shared.js';
import type { KindSpec } from './types.js';

const LANGUAGES = ['CWLI', 'SQL', 'PPL'] as const;

/** A parameter of a Logs Insights QL query (`{{name}}` in the query string). */
export interface QueryParameter {
  name: string;
  defaultValue?: string;
  description?: string;
}

/** A saved CloudWatch Logs Insights query. */
export interface QueryDefinition {
  name: string;
  queryString: string;
  queryLanguage: (typeof LANGUAGES)[number];
  /** In the order given; absent: none (SQL and PPL name their groups in the query). */
  logGroupNames?: string[];
  parameters?: QueryParameter[];
  /** AWS's generated id (read, never declared): updates and deletes name it. */
  queryDefinitionId?: string;
}

type QueryDefinitionDeclaration = Omit<QueryDefinition, 'name' | 'queryLanguage' | 'queryDefinitionId'> & { queryLanguage?: QueryDefinition['queryLanguage'] };

function canonical(name: string, given: QueryDefinitionDeclaration & { queryLanguage?: string }): QueryDefinition {
  const q: QueryDefinition = { name, queryString: given.queryString, queryLanguage: (given.queryLanguage ?? 'CWLI') as QueryDefinition['queryLanguage'] };
  if (given.logGroupNames?.length) q.logGroupNames = [...given.logGroupNames];
  if (given.parameters?.length) {
    q.parameters = given.parameters.map((p) => ({ name: p.name, ...(p.defaultValue !== undefined && { defaultValue: p.defaultValue }), ...(p.description !== undefined && { description: p.description }) }));
  }
  return q;
}

/**
 * Query definitions: `queryDefinitions.<name>`. AWS identifies a definition by a generated id and
 * lets several share a name; the manifest identifies it by name (the console's folders are `/` in
 * it), mapped to the id on refresh. Definitions must have distinct names to be managed: of two
 * with one name, refresh sees only the one listed last.
 */
export const queryDefinitionKind: KindSpec<QueryDefinition> = {
  section: 'queryDefinitions',
  noun: 'query definition',
  doc: 'Saved CloudWatch Logs Insights queries by name.',
  fields: {
    kind: 'object',
    doc: 'A query definition; the key is its name.',
    fields: {
      queryString: str('The query.', { required: true }),
      queryLanguage: str('CWLI (Logs Insights QL, the default), SQL or PPL.', { enum: [...LANGUAGES] }),
      logGroupNames: strings('Log groups the query runs on (CWLI and PPL).'),
      parameters: {
        kind: 'list',
        doc: 'Parameters of a CWLI query, used as {{name}} in it.',
        items: {
          kind: 'object',
          doc: 'A query parameter.',
          fields: { name: str('Its name.', { required: true }), defaultValue: str('Value used when none is given.', { allowEmpty: true }), description: str('What it is for.') },
        },
      },
    },
  },
  phase: 4,
  computed: ['queryDefinitionId'],

  resolve: (decl) => canonical(decl.name, decl.spec as QueryDefinitionDeclaration),

  declare: (q) => declared({ queryString: q.queryString, queryLanguage: q.queryLanguage === 'CWLI' ? undefined : q.queryLanguage, logGroupNames: q.logGroupNames, parameters: q.parameters }),

  read: {
    // one listing per language, 1000 a page: no assumption about which languages an unfiltered one returns
    list: {
      from: 'account',
      requests: LANGUAGES.map((queryLanguage) => logs('DescribeQueryDefinitions', { queryLanguage, maxResults: 1000 })),
      items: 'queryDefinitions',
      paging: 'nextToken',
    },
    name: (d) => d.name,
    observe: (d) => ({ ...canonical(d.name, d), queryDefinitionId: d.queryDefinitionId }),
  },

  steps(change) {
    if (change.action === 'delete') return [logs('DeleteQueryDefinition', { queryDefinitionId: change.before!.queryDefinitionId })];
    const { queryDefinitionId: _, ...after } = change.after!;
    // PutQueryDefinition is a PUT: an update with the id rewrites every member
    const put = logs('PutQueryDefinition', { ...after, queryDefinitionId: change.action === 'update' ? change.before!.queryDefinitionId : undefined });
    return [change.action === 'create' ? { ...put, creates: true } : put];
  },
};
