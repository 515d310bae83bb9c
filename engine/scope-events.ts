import type { SyntaxNode } from './syntax';
import type { ConstValue, Semantic } from './semantic';

/** Node types the semantic model reacts to on entering, on leaving, and that open a scope. */
export const SEMANTIC_ENTER = new Set(['import_statement', 'import_from_statement', 'function_definition', 'lambda', 'class_definition', 'for_statement', 'except_clause']);
export const SEMANTIC_EXIT = new Set(['assignment', 'augmented_assignment', 'named_expression', 'with_item']);
export const SEMANTIC_TYPES = new Set([...SEMANTIC_ENTER, ...SEMANTIC_EXIT]);

type Eval = (n: SyntaxNode) => ConstValue | undefined;

/** `type` is the node's, when the caller has it already (the walk does). */
export function enterSemantic(node: SyntaxNode, s: Semantic, evalConst: Eval, type: string = node.type): void {
  switch (type) {
    case 'import_statement':
      s.bindImport(node);
      break;
    case 'import_from_statement':
      s.bindImportFrom(node);
      break;
    case 'function_definition': {
      const name = node.childForFieldName('name');
      if (name) s.bind(name.text, { kind: 'unknown', node });
      s.push('function');
      s.bindParameters(node.childForFieldName('parameters'));
      break;
    }
    case 'lambda':
      s.push('function');
      s.bindParameters(node.childForFieldName('parameters'));
      break;
    case 'class_definition': {
      const name = node.childForFieldName('name');
      if (name) s.bind(name.text, { kind: 'unknown', node });
      s.push('class');
      break;
    }
    case 'for_statement':
      s.bindTarget(node.childForFieldName('left'), null, evalConst);
      break;
    case 'except_clause': {
      const alias = node.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias');
      const name = alias?.namedChildren[0];
      if (name?.type === 'identifier') s.bind(name.text, { kind: 'unknown', node });
      break;
    }
  }
}

export function exitSemantic(node: SyntaxNode, s: Semantic, evalConst: Eval, type: string = node.type): void {
  switch (type) {
    case 'assignment': {
      // `bot: GeminiSQL = st.session_state.bot`: the annotation says what the name holds, unless the value is a call
      // the model resolves (`df: pd.DataFrame = pd.read_csv(p)` stays what `read_csv` made, which rules ask of).
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const declared = left?.type === 'identifier' && !(right?.type === 'call' && s.qualifiedName(right)) ? s.annotationType(node.childForFieldName('type')) : undefined;
      if (declared) s.bind(left!.text, { kind: 'instance', of: declared, node: right ?? node });
      else s.bindTarget(left, right, evalConst);
      break;
    }
    case 'augmented_assignment':
      s.bindTarget(node.childForFieldName('left'), null, evalConst);
      break;
    case 'named_expression':
      s.bindTarget(node.childForFieldName('name'), node.childForFieldName('value'), evalConst);
      break;
    case 'with_item': {
      const value = node.childForFieldName('value');
      if (value?.type === 'as_pattern') {
        const target = value.childForFieldName('alias')?.namedChildren[0] ?? null;
        s.bindTarget(target, value.namedChildren[0], evalConst);
      }
      break;
    }
    case 'function_definition':
    case 'lambda':
    case 'class_definition':
      s.pop();
      break;
  }
}
