import { fail, pass, warn, type DoctorCheck } from './types.js';

/** Our floor, and the AWS SDK's next one: "versions published after the first week of January 2027 will require node >=22". */
const FLOOR = [20, 18] as const;
const SDK_NEXT_MAJOR = 22;

export const nodeVersionCheck: DoctorCheck = {
  id: 'node',
  title: 'Node.js',
  async run(state) {
    const version = state.deps.nodeVersion.replace(/^v/, '');
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < FLOOR[0] || (major === FLOOR[0] && minor < FLOOR[1])) {
      return fail(`Node.js ${version} is older than ${FLOOR.join('.')}`, `install Node.js ${SDK_NEXT_MAJOR} LTS or newer`);
    }
    if (major < SDK_NEXT_MAJOR) {
      return warn(
        `Node.js ${version} works, but AWS SDK releases after the first week of January 2027 require Node.js ${SDK_NEXT_MAJOR}`,
        `upgrade to Node.js ${SDK_NEXT_MAJOR} LTS or newer`,
      );
    }
    return pass(`Node.js ${version}`);
  },
};
