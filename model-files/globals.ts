/**
 * What a pickle may import. Loading a pickle imports every global it names and calls whatever the
 * stream reduces, so a global is judged by what it can do when called with arguments the file chose.
 *
 * - dangerous: runs commands or code, opens files or sockets, loads another pickle, or reaches any
 *   attribute (`getattr`, `operator.attrgetter`): reported as errors (MLS150);
 * - safe: the constructors and rebuild functions that PyTorch, NumPy and the usual model libraries
 *   write for plain data;
 * - anything else: cannot verify (MLS151).
 *
 * The dangerous list wins over the safe one, so a gadget inside a trusted package (NumPy's
 * `runstring`) stays an error.
 */

export type Verdict = 'dangerous' | 'safe' | 'unknown';

/** Every name in these modules and their submodules is dangerous. */
const DANGEROUS_MODULES = [
  'os', 'posix', 'nt', 'subprocess', '_posixsubprocess', '_winapi', 'pty', 'commands', 'popen2',
  'socket', '_socket', 'ssl', 'select', 'selectors', 'asyncio', 'multiprocessing', '_thread', 'thread', 'threading', 'signal',
  'shutil', 'tempfile', 'glob', 'fileinput', 'linecache', 'zipimport', 'site', 'sysconfig',
  'runpy', 'code', 'codeop', 'importlib', 'imp', 'pkgutil', 'ctypes', '_ctypes', 'sys', 'gc', 'inspect',
  'webbrowser', 'http', 'httplib', 'urllib', 'urllib2', 'urllib3', 'requests', 'aiohttp', 'httpx', 'ftplib', 'smtplib',
  'telnetlib', 'xmlrpc', 'xmlrpclib', 'socketserver', 'pip', 'setuptools', 'distutils',
  'pickle', '_pickle', 'cPickle', 'pickletools', 'dill', 'cloudpickle', 'marshal', 'shelve',
  'bdb', 'pdb', 'cProfile', 'profile', 'timeit', 'trace', 'doctest', 'pydoc', 'idlelib', 'logging.config',
  'torch.hub', 'torch.jit', 'torch._C', 'torch._dynamo', 'torch._inductor', 'torch.utils.cpp_extension', 'torch.package',
  'numpy.f2py', 'numpy.distutils', 'numpy.testing', 'IPython', 'jupyter_client', 'paramiko', 'fabric',
  // Helpers that run a command line they are given (`_osx_support._read_output`, `collect_env.run`), pip, remote calls.
  '_osx_support', '_aix_support', 'ensurepip', 'torch.utils.collect_env', 'torch.distributed.rpc', 'torch.testing',
  // Deserializers that run code of their own input.
  'jsonpickle',
];

/** These names are dangerous in their module. */
const DANGEROUS_NAMES: Record<string, readonly string[]> = {
  builtins: ['eval', 'exec', 'execfile', 'compile', '__import__', 'getattr', 'setattr', 'delattr', 'open', 'breakpoint', 'input', 'apply', 'globals', 'locals', 'vars', 'help', 'exit', 'quit', 'memoryview', 'copyright', 'credits', 'license'],
  io: ['open', 'open_code', 'FileIO', 'BufferedReader', 'BufferedWriter', 'TextIOWrapper'],
  _io: ['open', 'open_code', 'FileIO'],
  codecs: ['open', 'EncodedFile'],
  operator: ['attrgetter', 'itemgetter', 'methodcaller', 'call'],
  _operator: ['attrgetter', 'itemgetter', 'methodcaller', 'call'],
  functools: ['reduce'],
  types: ['CodeType', 'FunctionType', 'LambdaType', 'MethodType', 'ModuleType'],
  torch: ['load', 'hub'],
  'torch.serialization': ['load', '_load'],
  'torch.storage': ['_load_from_bytes'],
  numpy: ['load', 'loadtxt', 'fromfile', 'genfromtxt'],
  'numpy.lib.npyio': ['load'],
  pandas: ['read_pickle', 'eval'],
  'keras.models': ['load_model'],
  'joblib': ['load'],
  // The same loaders under the modules that define them, which a pickle may name instead.
  'joblib.numpy_pickle': ['load'],
  'pandas.io.pickle': ['read_pickle'],
  'pandas.core.computation.eval': ['eval'],
  'numpy.lib._npyio_impl': ['load'],
  'keras.saving': ['load_model'],
  'tensorflow.keras.models': ['load_model'],
  'tensorflow.keras.saving': ['load_model'],
  'tensorflow.saved_model': ['load'],
  // YAML's loaders that build any Python object its document names.
  yaml: ['load', 'load_all', 'unsafe_load', 'unsafe_load_all', 'full_load', 'full_load_all'],
  // Runs `command` with `args` through subprocess.
  uuid: ['_get_command_stdout'],
  // Opened for writing, these truncate any file the pickle names.
  zipfile: ['ZipFile', 'PyZipFile'],
  tarfile: ['open', 'TarFile'],
  gzip: ['open', 'GzipFile'],
  bz2: ['open', 'BZ2File'],
  lzma: ['open', 'LZMAFile'],
};
DANGEROUS_NAMES.__builtin__ = DANGEROUS_NAMES.builtins;

/** Exact names written for plain data by the Python standard library, PyTorch and NumPy. */
const SAFE_NAMES = new Set([
  // The standard library's containers and the helpers pickle itself writes.
  'collections.OrderedDict', 'collections.defaultdict', 'collections.deque', 'collections.Counter', 'collections.namedtuple',
  'copy_reg._reconstructor', 'copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__',
  '_codecs.encode', 'datetime.datetime', 'datetime.date', 'datetime.time', 'datetime.timedelta', 'datetime.timezone',
  'decimal.Decimal', 'fractions.Fraction', 'uuid.UUID', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePosixPath',
  'builtins.set', 'builtins.frozenset', 'builtins.bytearray', 'builtins.bytes', 'builtins.slice', 'builtins.range', 'builtins.complex',
  'builtins.object', 'builtins.int', 'builtins.float', 'builtins.str', 'builtins.list', 'builtins.dict', 'builtins.tuple', 'builtins.bool',
  '__builtin__.set', '__builtin__.frozenset', '__builtin__.bytearray', '__builtin__.slice', '__builtin__.complex', '__builtin__.object',
  '__builtin__.long', '__builtin__.int', '__builtin__.float', '__builtin__.unicode', '__builtin__.str', '__builtin__.list', '__builtin__.dict',
  // PyTorch's tensor, parameter and storage rebuilders (what torch.save writes for weights).
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3', 'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_qtensor', 'torch._utils._rebuild_sparse_tensor',
  'torch._utils._rebuild_sparse_csr_tensor', 'torch._utils._rebuild_device_tensor_from_numpy', 'torch._utils._rebuild_meta_tensor_no_storage',
  'torch._utils._rebuild_wrapper_subclass', 'torch._utils._rebuild_nested_tensor', 'torch._tensor._rebuild_from_type_v2',
  'torch._utils._rebuild_xla_tensor', 'torch._utils._rebuild_mlc_tensor', 'torch.serialization._get_layout',
  'torch.Size', 'torch.device', 'torch.dtype', 'torch.Tensor', 'torch.nn.parameter.Parameter', 'torch.storage.UntypedStorage', 'torch.storage.TypedStorage',
  'torch.float32', 'torch.float16', 'torch.bfloat16', 'torch.float64', 'torch.int64', 'torch.int32', 'torch.int16', 'torch.int8', 'torch.uint8',
  'torch.bool', 'torch.complex64', 'torch.complex128', 'torch.float8_e4m3fn', 'torch.float8_e5m2', 'torch.strided', 'torch.sparse_coo',
  'torch.per_tensor_affine', 'torch.per_channel_affine', 'torch.contiguous_format', 'torch.channels_last', 'torch.preserve_format',
  // NumPy's array, scalar and dtype constructors (numpy.core before 2.0, numpy._core from 2.0).
  'numpy.core.multiarray._reconstruct', 'numpy._core.multiarray._reconstruct', 'numpy.core.multiarray.scalar', 'numpy._core.multiarray.scalar',
  'numpy.dtype', 'numpy.ndarray', 'numpy.ma.core._mareconstruct', 'numpy.core.numeric._frombuffer', 'numpy._core.numeric._frombuffer',
  'numpy.random._pickle.__randomstate_ctor', 'numpy.random._pickle.__generator_ctor', 'numpy.random._pickle.__bit_generator_ctor',
  'numpy.random._pickle.__randomstate_ctor', 'numpy.core.numeric.dtype',
  // pytz's UTC, and its time zones rebuilt by name from its own database (unknown names raise).
  'pytz._UTC', 'pytz._p',
  // joblib's placeholder for an array stored beside the pickle.
  'joblib.numpy_pickle.NumpyArrayWrapper', 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
]);
for (const t of ['Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'ComplexFloat', 'ComplexDouble', 'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4']) {
  SAFE_NAMES.add(`torch.${t}Storage`);
  SAFE_NAMES.add(`torch.cuda.${t}Storage`);
}
for (const t of ['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool_', 'complex64', 'complex128']) SAFE_NAMES.add(`numpy.${t}`);

/**
 * Packages whose classes (a name that starts with a capital letter, or `_` and a capital) are plain estimators, frames and layers:
 * unpickling one calls its `__new__` and `__setstate__` with data, no code of the file's choice.
 * Their functions are not covered: a function reached through REDUCE runs with the file's arguments.
 */
const SAFE_CLASS_PREFIXES = [
  'sklearn.', 'xgboost.', 'lightgbm.', 'catboost.', 'scipy.sparse.', 'scipy.stats._', 'pandas.',
  'torch.nn.modules.', 'torch.optim.', 'transformers.models.', 'transformers.configuration_utils.', 'tokenizers.',
];

/** Parts of those packages whose classes open files or fetch data when constructed: not trusted. */
const UNSAFE_CLASS_PREFIXES = ['pandas.io.', 'sklearn.datasets.', 'torch.hub'];

/** Safe functions under the class prefixes: the unpickle helpers those packages write. */
const SAFE_PREFIX_FUNCTIONS = new Set([
  'sklearn.tree._tree.Tree', 'pandas.core.internals.managers.BlockManager', 'pandas._libs.internals._unpickle_block',
  'pandas.core.indexes.base._new_Index', 'pandas._libs.tslibs.timestamps._unpickle_timestamp', 'scipy.sparse._csr.csr_matrix',
  // pandas' index rebuilders call the class the pickle names (itself a global judged on its own) with the saved fields.
  'pandas.core.indexes.datetimes._new_DatetimeIndex', 'pandas.core.indexes.period._new_PeriodIndex', 'pandas.core.indexes.interval._new_IntervalIndex',
  'pandas._libs.tslibs.timedeltas._timedelta_unpickle',
  // sklearn's trees and distance metrics: `newObj(cls)` is `cls.__new__(cls)`.
  'sklearn.neighbors._kd_tree.newObj', 'sklearn.neighbors._ball_tree.newObj', 'sklearn.metrics._dist_metrics.newObj',
]);

function inModule(module: string, list: readonly string[]): boolean {
  return list.some((m) => module === m || module.startsWith(`${m}.`));
}

/** How a global `module.name` is judged. `name` may be a dotted qualified name (protocol 4). */
export function classify(module: string, name: string): Verdict {
  const head = name.split('.')[0];
  if (inModule(module, DANGEROUS_MODULES)) return 'dangerous';
  const names = DANGEROUS_NAMES[module];
  if (names && (names.includes(name) || names.includes(head))) return 'dangerous';
  // `builtins.getattr` reached as a qualified name (`getattr.__call__`) or a method of a builtin type.
  if ((module === 'builtins' || module === '__builtin__') && name.includes('.')) return 'dangerous';
  const full = `${module}.${name}`;
  if (SAFE_NAMES.has(full) || SAFE_PREFIX_FUNCTIONS.has(full)) return 'safe';
  // Cython's `__pyx_unpickle_<Type>` rebuilds an extension type of the package from its state, as a class would.
  if (!name.includes('.') && (/^_?[A-Z]/.test(name) || name.startsWith('__pyx_unpickle_')) && SAFE_CLASS_PREFIXES.some((p) => full.startsWith(p)) && !UNSAFE_CLASS_PREFIXES.some((p) => full.startsWith(p))) return 'safe';
  return 'unknown';
}
