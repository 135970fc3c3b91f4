import type { FastifyRequest } from 'fastify';
import { parse as parseYaml } from 'yaml';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';
import { bodyOf } from './control-body.js';
import { applyWorld } from './world-load.js';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** POST /world: a world document as JSON, or as YAML with a YAML content type. */
export const worldRoutes: ControlRoutes = (app, ctx) => {
  // Only the control plane reads YAML: the Graph API never accepted it.
  app.addContentTypeParser(yamlTypes, { parseAs: 'string' }, async (_request: FastifyRequest, text: string) => {
    try {
      return { fields: parseYaml(text) ?? {}, files: {} };
    } catch (error) {
      throw new ControlError(400, `the world document is not valid YAML: ${(error as Error).message}`);
    }
  });
  app.post('/world', async (request) => applyWorld(ctx, bodyOf(request)));
};
