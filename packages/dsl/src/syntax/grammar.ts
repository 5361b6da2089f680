/**
 * The grammar (a chevrotain CST parser with error recovery). `build-ast.ts` turns its concrete
 * syntax tree into the AST; nothing else looks at CST nodes.
 *
 * Clauses are introduced by keywords, so no separators are needed between them; an expression
 * ends where the next token cannot continue it.
 */
import { CstParser, type IToken } from 'chevrotain';
import { errorMessageProvider } from './token-names';
import * as T from './tokens';

const k = T.kw;

export class SuanGrammar extends CstParser {
  /** `validate`: check the grammar for ambiguities (slow, so only the grammar test does it). */
  constructor(validate = false) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'onlyOffset', errorMessageProvider, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.item));
  });

  name = this.RULE('name', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdentifier) }]);
  });

  /** A column or member name: any keyword may serve (`r.total`, a column named `code`). */
  memberName = this.RULE('memberName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdentifier) },
      { ALT: () => this.CONSUME(T.AnyKeyword) },
    ]);
  });

  dottedName = this.RULE('dottedName', () => {
    this.SUBRULE(this.memberName);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.memberName);
    });
  });

  text = this.RULE('text', () => {
    this.CONSUME(T.StringLiteral);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(k('en')) }, { ALT: () => this.CONSUME(k('zh')) }]);
      this.CONSUME2(T.StringLiteral);
    });
  });

  header = this.RULE('header', () => {
    this.CONSUME(k('ruleset'));
    this.OR([{ ALT: () => this.SUBRULE(this.dottedName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.headerField));
    this.CONSUME(T.RBrace);
  });

  headerField = this.RULE('headerField', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('title')); this.SUBRULE(this.text); } },
      { ALT: () => { this.CONSUME(k('issuer')); this.SUBRULE2(this.text); } },
      { ALT: () => { this.CONSUME(k('description')); this.SUBRULE3(this.text); } },
      { ALT: () => { this.CONSUME(k('version')); this.CONSUME(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(k('licence')); this.CONSUME2(T.StringLiteral); } },
      {
        ALT: () => {
          this.CONSUME(k('kind'));
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(k('years'));
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => { this.CONSUME(k('to')); this.CONSUME2(T.NumberLiteral); });
        },
      },
    ]);
  });

  item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.extendsDecl) },
      { ALT: () => this.SUBRULE(this.hierarchyDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.factDecl) },
      { ALT: () => this.SUBRULE(this.factsDecl) },
      { ALT: () => this.SUBRULE(this.ruleDecl) },
      { ALT: () => this.SUBRULE(this.constLet) },
      { ALT: () => this.SUBRULE(this.precisionDecl) },
    ]);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(k('import'));
    this.CONSUME(T.StringLiteral);
  });

  extendsDecl = this.RULE('extendsDecl', () => {
    this.CONSUME(k('extends'));
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.override));
      this.CONSUME(T.RBrace);
    });
  });

  override = this.RULE('override', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(k('override'));
          this.SUBRULE(this.name);
          this.MANY(() => {
            this.OR2([
              { ALT: () => { this.CONSUME(k('severity')); this.SUBRULE(this.severityValue); } },
              { ALT: () => { this.CONSUME(k('tolerance')); this.SUBRULE(this.expression); } },
            ]);
          });
        },
      },
      { ALT: () => { this.CONSUME(k('disable')); this.SUBRULE2(this.name); } },
    ]);
  });

  severityValue = this.RULE('severityValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(k('error')) },
      { ALT: () => this.CONSUME(k('warning')) },
      { ALT: () => this.CONSUME(k('info')) },
    ]);
  });

  hierarchyDecl = this.RULE('hierarchyDecl', () => {
    this.CONSUME(k('hierarchy'));
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE(this.text); } },
        { ALT: () => this.SUBRULE(this.levelDecl) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  levelDecl = this.RULE('levelDecl', () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.Colon));
    this.CONSUME(T.NumberLiteral);
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(k('table'));
    this.SUBRULE(this.name);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(k('title')); this.SUBRULE(this.text); } },
        { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE2(this.text); } },
        { ALT: () => { this.CONSUME(k('unit')); this.CONSUME(T.MoneyUnit); } },
        { ALT: () => { this.CONSUME(k('key')); this.SUBRULE(this.columnDecl); } },
        { ALT: () => this.SUBRULE2(this.columnDecl) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  columnDecl = this.RULE('columnDecl', () => {
    this.SUBRULE(this.memberName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  typeRef = this.RULE('typeRef', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('money')); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(k('percent')) },
      { ALT: () => this.CONSUME(k('count')) },
      { ALT: () => this.CONSUME(k('number')) },
      { ALT: () => this.CONSUME(k('text')) },
      { ALT: () => { this.CONSUME(k('code')); this.OPTION2(() => this.SUBRULE(this.name)); } },
      { ALT: () => this.CONSUME(k('date')) },
      { ALT: () => this.CONSUME(k('bool')) },
    ]);
    this.OPTION3(() => {
      this.CONSUME(k('precision'));
      this.OR2([{ ALT: () => this.CONSUME(T.NumberLiteral) }, { ALT: () => this.CONSUME(T.PercentLiteral) }]);
    });
  });

  factDecl = this.RULE('factDecl', () => {
    this.CONSUME(k('fact'));
    this.SUBRULE(this.factBody);
  });

  factBody = this.RULE('factBody', () => {
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => { this.CONSUME(k('doc')); this.SUBRULE(this.text); });
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  factsDecl = this.RULE('factsDecl', () => {
    this.CONSUME(k('facts'));
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.factBody));
    this.CONSUME(T.RBrace);
  });

  precisionDecl = this.RULE('precisionDecl', () => {
    this.CONSUME(k('precision'));
    this.OR([{ ALT: () => this.CONSUME(k('facts')) }, { ALT: () => this.CONSUME(k('table')) }]);
    this.OR2([
      { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
    ]);
  });

  constLet = this.RULE('constLet', () => {
    this.CONSUME(k('let'));
    this.SUBRULE(this.name);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(k('rule'));
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.text));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.ruleClause));
    this.CONSUME(T.RBrace);
  });

  ruleClause = this.RULE('ruleClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('severity')); this.SUBRULE(this.severityValue); } },
      { ALT: () => { this.CONSUME(k('tolerance')); this.SUBRULE(this.expression); } },
      { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE(this.text); } },
      { ALT: () => { this.CONSUME(k('title')); this.SUBRULE2(this.text); } },
      { ALT: () => { this.CONSUME(k('when')); this.SUBRULE2(this.expression); } },
      { ALT: () => { this.CONSUME(k('message')); this.SUBRULE3(this.text); } },
      { ALT: () => { this.CONSUME(k('assert')); this.SUBRULE3(this.expression); } },
      { ALT: () => this.SUBRULE(this.forStep) },
      { ALT: () => this.SUBRULE(this.letStep) },
      { ALT: () => this.SUBRULE(this.rollup) },
    ]);
  });

  forStep = this.RULE('forStep', () => {
    this.CONSUME(k('for'));
    this.SUBRULE(this.name);
    this.CONSUME(k('in'));
    this.SUBRULE(this.expression);
    this.OPTION(() => { this.CONSUME(k('where')); this.SUBRULE2(this.expression); });
  });

  letStep = this.RULE('letStep', () => {
    this.CONSUME(k('let'));
    this.SUBRULE(this.name);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
  });

  rollup = this.RULE('rollup', () => {
    this.CONSUME(k('rollup'));
    this.SUBRULE(this.name);
    this.OPTION(() => { this.CONSUME(k('by')); this.SUBRULE2(this.name); });
    this.CONSUME(k('columns'));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.memberName) });
    this.OPTION2(() => { this.CONSUME(k('total')); this.CONSUME(T.StringLiteral); });
    this.OPTION3(() => { this.CONSUME(k('within')); this.SUBRULE(this.expression); });
  });

  // ── Expressions ─────────────────────────────────────────────────────────────────────────
  // A flat sequence `operand (operator operand)*`; build-ast.ts applies precedence. Keeping the
  // grammar flat keeps the concrete tree small (one node per operand, not one per level).

  expression = this.RULE('expression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.binaryExpr) },
    ]);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(k('if'));
    this.SUBRULE(this.expression);
    this.CONSUME(k('then'));
    this.SUBRULE2(this.expression);
    this.CONSUME(k('else'));
    this.SUBRULE3(this.expression);
  });

  binaryExpr = this.RULE('binaryExpr', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.SUBRULE(this.binaryOperator);
      this.SUBRULE2(this.operand);
    });
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR([
      { ALT: () => this.CONSUME(k('or')) },
      { ALT: () => this.CONSUME(k('and')) },
      { ALT: () => this.CONSUME(T.Approx) },
      { ALT: () => this.CONSUME(T.NotEqual) },
      { ALT: () => this.CONSUME(T.LessEqual) },
      { ALT: () => this.CONSUME(T.GreaterEqual) },
      { ALT: () => this.CONSUME(T.Equal) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(k('within')) },
      { ALT: () => this.CONSUME(T.Plus) },
      { ALT: () => this.CONSUME(T.Minus) },
      { ALT: () => this.CONSUME(T.Times) },
      { ALT: () => this.CONSUME(T.Divide) },
      { ALT: () => this.CONSUME(T.Coalesce) },
    ]);
  });

  /** Prefix operators (`-`, `not`) and a postfix chain. */
  operand = this.RULE('operand', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(k('not')) }]);
    });
    this.SUBRULE(this.postfix);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Dot); this.SUBRULE(this.memberName); } },
        { ALT: () => { this.CONSUME(T.LBracket); this.SUBRULE(this.expression); this.CONSUME(T.RBracket); } },
        { ALT: () => { this.CONSUME(k('as')); this.CONSUME(T.MoneyUnit); } },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(k('true')) },
      { ALT: () => this.CONSUME(k('false')) },
      { ALT: () => this.CONSUME(k('blank')) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.callOrName) },
    ]);
  });

  /** A name, or a call: `round(x, 2)`, `sum(x.金额 for x in 表 where …)`. `count` and `key` are keywords and functions. */
  callOrName = this.RULE('callOrName', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(k('count')) }, { ALT: () => this.CONSUME(k('key')) }]);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.expression);
        this.OR2([
          {
            ALT: () => {
              this.CONSUME(k('for'));
              this.SUBRULE2(this.name);
              this.CONSUME(k('in'));
              this.SUBRULE2(this.expression);
              this.OPTION3(() => { this.CONSUME(k('where')); this.SUBRULE3(this.expression); });
            },
          },
          { ALT: () => this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE4(this.expression); }) },
        ]);
      });
      this.CONSUME(T.RParen);
    });
  });
}

/** The one parser instance, reused for every parse (chevrotain parsers are built once and reset per input). */
export const grammar = new SuanGrammar();

export type { IToken };
