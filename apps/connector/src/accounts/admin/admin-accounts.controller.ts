import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput } from '#common';
import { AccountsService } from '../accounts.service.js';
import { AnymarketAccountDto, ListAccountsQuery } from '../dto/anymarket-account.dto.js';

const ACCOUNT = ["ANYMARKET account (the connector's own id, not ANYMARKET's idAccount)", 'ACCOUNT_NOT_FOUND'] as const;

@ApiTags('admin: ANYMARKET accounts')
@AdminRoute()
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({
    summary: 'ANYMARKET accounts stored by saveAccount (never their token)',
    description:
      "Every account ANYMARKET activated, oldest first, with its settings and seller. `id` is the connector's own account id: the `{id}` of " +
      "these routes and the `accountId` of the listings; `idAccount` is ANYMARKET's.",
  })
  @ApiOkResponse({ type: [AnymarketAccountDto], description: 'The accounts, oldest first' })
  @ApiInvalidInput('the filters')
  async list(@Query() query: ListAccountsQuery): Promise<AnymarketAccountDto[]> {
    return (await this.accounts.listForAdmin(query)).map(({ account, link }) => AnymarketAccountDto.from(account, link));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One ANYMARKET account',
    description: 'The account with its settings, its seller link and whether a token is stored (never the token).',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiOkResponse({ type: AnymarketAccountDto, description: 'The account' })
  async get(@Param('id', ParseIntPipe) id: number): Promise<AnymarketAccountDto> {
    const { account, link } = await this.accounts.getForAdmin(id);
    return AnymarketAccountDto.from(account, link);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop acting for an account',
    description:
      'Listings and orders of the account stop. ANYMARKET can turn it on again by saving the module with active=true; revoke the seller link to shut the seller out.',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiOkResponse({ type: AnymarketAccountDto, description: 'The account, now inactive' })
  async deactivate(@Param('id', ParseIntPipe) id: number): Promise<AnymarketAccountDto> {
    const { account, link } = await this.accounts.deactivate(id);
    return AnymarketAccountDto.from(account, link);
  }
}
