import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { AnswersBareFalseOnError, AnymarketRoute, UnvalidatedBody } from '#common';
import { AnymarketCaller, type AnymarketIdentity } from '#anymarket';
import { ACTIVATION_AUTH_FIELDS_SCHEMA, SaveAccountDto } from '../dto/activation.dto.js';
import { ModuleActivationService } from '../module-activation.service.js';

const TRUE = { description: 'Bare JSON `true`', schema: { type: 'boolean', example: true } } as const;
const FALSE_401 = {
  description: 'Bare JSON `false`: no valid x-anymarket-token, or the seller is not identified',
  schema: { type: 'boolean', example: false },
} as const;
const ACTIVATION_BODY = { allOf: [{ $ref: getSchemaPath(SaveAccountDto) }, ACTIVATION_AUTH_FIELDS_SCHEMA] };

/** ANYMARKET's activation remotes (paths match case-insensitively: `/testintegration` works too). */
@ApiTags('remotes: module activation')
@ApiExtraModels(SaveAccountDto)
@AnymarketRoute()
@AnswersBareFalseOnError()
@Controller()
export class ModuleActivationController {
  constructor(private readonly activation: ModuleActivationService) {}

  @Post('testIntegration')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Remote: the seller pressed SAVE on the module screen',
    description:
      'Answers `true` when the store id and password match an active seller link whose Marketplacer seller is still active, and binds the link to the ' +
      "token's organisation (`oi`). A link bound to one organisation never answers `true` to another. Settings are not checked here.",
  })
  @ApiBody({ schema: ACTIVATION_BODY })
  @ApiOkResponse(TRUE)
  @ApiUnauthorizedResponse(FALSE_401)
  testIntegration(@AnymarketCaller() caller: AnymarketIdentity, @UnvalidatedBody() body: unknown): Promise<true> {
    return this.activation.testIntegration(caller, body);
  }

  @Post('saveAccount')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Remote: store the ANYMARKET account after testIntegration said true',
    description:
      'Same identity check as testIntegration, then stores or updates the account (oi, `id`) with its settings and the encrypted `user.token`. ' +
      'Unknown extra fields are ignored. `id` is required (it is the idAccount of later remotes).',
  })
  @ApiBody({ schema: ACTIVATION_BODY })
  @ApiOkResponse(TRUE)
  @ApiBadRequestResponse({
    description: 'Bare JSON `false`: malformed settings (wrong types, bad date, bad discountType, no id); nothing stored',
    schema: { type: 'boolean', example: false },
  })
  @ApiUnauthorizedResponse(FALSE_401)
  saveAccount(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: SaveAccountDto, @UnvalidatedBody() raw: unknown): Promise<true> {
    return this.activation.saveAccount(caller, body, raw);
  }
}
