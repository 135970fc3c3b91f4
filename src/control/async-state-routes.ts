import type { FastifyRequest } from 'fastify';
import { advanceAudience, audienceTransition, setAudienceTransition } from '../audiences/transitions-audience.js';
import { readTransitionMode, type TransitionMode } from '../audiences/transitions.js';
import { asyncStateIn } from '../audiences/transitions-setting.js';
import { bodyOf } from './control-body.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

/**
 * How asynchronous audience changes settle (docs/async-state.md): the global mode at
 * /async-state, one audience's own mode at /audiences/:id/transition, and
 * /audiences/:id/advance to settle a waiting change at once.
 */
export const asyncStateRoutes: ControlRoutes = (app, { store, settings, clock }) => {
  const asyncState = asyncStateIn(settings);

  app.get('/async-state', async () => asyncState.current());

  app.put('/async-state', async (request) => asyncState.set(modeFrom(request)));

  const audienceId = (request: { params: unknown }) => (request.params as { id: string }).id;
  const notFound = (id: string) => new ControlError(404, `No custom audience has the id ${id}.`);
  const view = async (id: string) => {
    const found = await audienceTransition(store, id, await asyncState.current(), clock());
    if (!found) throw notFound(id);
    return found;
  };

  app.get('/audiences/:id/transition', async (request) => view(audienceId(request)));

  app.put('/audiences/:id/transition', async (request) => {
    const id = audienceId(request);
    if (!(await setAudienceTransition(store, id, modeFrom(request)))) throw notFound(id);
    return view(id);
  });

  app.delete('/audiences/:id/transition', async (request) => {
    const id = audienceId(request);
    if (!(await setAudienceTransition(store, id, null))) throw notFound(id);
    return view(id);
  });

  app.post('/audiences/:id/advance', async (request) => {
    const id = audienceId(request);
    if (!(await advanceAudience(store, id))) throw notFound(id);
    return view(id);
  });
};

function modeFrom(request: FastifyRequest): TransitionMode {
  try {
    return readTransitionMode(bodyOf(request));
  } catch (error) {
    throw new ControlError(400, `Bad transition mode: ${(error as Error).message}.`);
  }
}
