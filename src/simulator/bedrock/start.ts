import { listen, type Completed } from '../http.js';
import { listenHttp1And2 } from '../listen-h2c.js';
import type { BedrockContext } from './context.js';
import { bedrockControlHandler } from './control.js';
import { federationHandler } from './federation.js';
import { bedrockRuntimeHandler } from './runtime.js';

export interface BedrockServers {
  bedrockUrl: string;
  bedrockRuntimeUrl: string;
  federationUrl: string;
  close(): Promise<void>;
}

type Service = 'bedrock' | 'bedrock-runtime' | 'signin';

/** The Bedrock control plane, Bedrock Runtime and the sign-in federation endpoint, each on its own port. */
export const startBedrock = async (ctx: BedrockContext, onDone: (service: Service) => (done: Completed) => void): Promise<BedrockServers> => {
  const control = await listen(bedrockControlHandler(ctx), onDone('bedrock'));
  const runtime = await listenHttp1And2(bedrockRuntimeHandler(ctx), onDone('bedrock-runtime'));
  const signin = await listen(federationHandler(ctx), onDone('signin'));
  return {
    bedrockUrl: control.url,
    bedrockRuntimeUrl: runtime.url,
    federationUrl: `${signin.url}/federation`,
    close: async () => {
      await Promise.all([control.close(), runtime.close(), signin.close()]);
    },
  };
};
